/**
 * The worker-thread entry of the run pool (runPool.ts): piscina loads this module in each
 * worker and calls its default export with each task.
 */
import { type BatchReply, type BatchTask, runBatch } from "./runBatch.js";

export default function runWorkerTask(task: BatchTask): Promise<BatchReply> {
  return runBatch(task);
}
