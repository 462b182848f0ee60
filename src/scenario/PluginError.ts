/**
 * PluginError: an exception thrown by a user's own code — a backend plugin or a property
 * module — while maildrill ran it. Plugins are trusted code that runs with the user's rights
 * (docs/plugins.md); when one throws, the fault is the plugin's, not maildrill's, so it is
 * reported like bad input: one line naming the plugin and where it failed, exit 2. The
 * original error stays as `cause` (`MAILDRILL_DEBUG=1` prints its stack).
 *
 * Contract: `guardPluginCall(who, where, fn)` runs `fn` and turns anything it throws into a
 * PluginError, except an InputError (already a user-facing message, e.g. a plugin's `fail`).
 */
import { describeValue, InputError } from "./InputError.js";

export class PluginError extends InputError {
  constructor(who: string, where: string, cause: unknown) {
    const what = cause instanceof Error ? `${cause.name}: ${cause.message}` : `threw ${describeValue(cause)}`;
    super(
      `${who}: the plugin's code failed in ${where} (${what}); this is an error in the plugin, not in maildrill`,
    );
    this.cause = cause;
  }
}

export function guardPluginCall<T>(who: string, where: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new PluginError(who, where, error);
  }
}
