// The framework-less baseline: bare Node processes in a chain, passing batches of JSON messages as
// newline-delimited JSON arrays over pipes (stdin → stdout), with the pipes' own back-pressure.
//   node bareNode.mjs source COUNT BYTES BATCH | node bareNode.mjs pass | … | node bareNode.mjs sink
// Each prints one JSON line of stats to stderr when done. `ready` only says it started (fork timing).
const [role, ...args] = process.argv.slice(2);
const now = () => performance.timeOrigin + performance.now();
const cpu0 = process.cpuUsage();
const report = (extra) => {
  const cpu = process.cpuUsage(cpu0);
  const stats = { role, maxRssKiB: process.resourceUsage().maxRSS, cpuUs: cpu.user + cpu.system, ...extra };
  process.stderr.write(`${JSON.stringify(stats)}\n`);
};

function lines(onLine, onEnd) {
  let rest = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop();
    for (const line of parts) onLine(line);
  });
  process.stdin.on('end', onEnd);
}

if (role === 'ready') {
  process.send?.('ready');
} else if (role === 'source') {
  const [count, bytes, batch] = args.map(Number);
  const p = 'x'.repeat(Math.max(0, bytes - 20));
  const startAt = now();
  let i = 0;
  const pump = () => {
    while (i < count) {
      const msgs = [];
      for (let j = 0; j < batch && i < count; j++) msgs.push({ i: i++, p });
      if (!process.stdout.write(`${JSON.stringify(msgs)}\n`)) return process.stdout.once('drain', pump);
    }
    process.stdout.end();
    report({ startAt });
  };
  pump();
} else if (role === 'pass') {
  lines(
    (line) => {
      const msgs = JSON.parse(line);
      if (!process.stdout.write(`${JSON.stringify(msgs)}\n`)) {
        process.stdin.pause();
        process.stdout.once('drain', () => process.stdin.resume());
      }
    },
    () => {
      process.stdout.end();
      report({});
    },
  );
} else if (role === 'sink') {
  let count = 0;
  let firstAt;
  lines(
    (line) => {
      if (count === 0) firstAt = now();
      count += JSON.parse(line).length;
    },
    () => report({ count, firstAt, endAt: now() }),
  );
}
