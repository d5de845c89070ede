// Runs an async pass now and then every `everyMs`, never two at once; stop() waits for the pass
// in flight. The timer never keeps the process alive. Used by the job runner and the outbox worker.

export function repeatEvery(pass: () => Promise<unknown>, everyMs: number): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const loop = () => {
    if (stopped) return;
    running = pass();
    timer = setTimeout(() => void running.then(loop, loop), everyMs);
    timer.unref();
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
