/**
 * Where the run cache lives when `--cache` does not say: the operating system's cache
 * directory (`$XDG_CACHE_HOME/maildrill/runs`, else `~/.cache/maildrill/runs` on Linux,
 * `~/Library/Caches/maildrill/runs` on macOS, `%LOCALAPPDATA%\maildrill\Cache\runs` on
 * Windows), or `MAILDRILL_CACHE` (a directory, or `off`).
 *
 * Why not `.maildrill/` in the working directory: an entry is keyed by the run's content,
 * not by where it was asked for, so one cache per user serves every checkout and directory
 * (a run done from one project is free in another); it does not litter repositories or need
 * a .gitignore line; and the OS cache directory is meant for data that can be recomputed, so
 * a cleaner that empties it costs time, never results. Shards and CI pass `--cache DIR`.
 */
import { homedir } from "node:os";
import { join } from "node:path";

export function defaultCacheDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string | undefined {
  const asked = env.MAILDRILL_CACHE;
  if (asked === "off") return undefined;
  if (asked !== undefined && asked !== "") return asked;
  if (platform === "darwin") return join(home, "Library", "Caches", "maildrill", "runs");
  if (platform === "win32")
    return join(env.LOCALAPPDATA ?? join(home, "AppData", "Local"), "maildrill", "Cache", "runs");
  return join(env.XDG_CACHE_HOME || join(home, ".cache"), "maildrill", "runs");
}
