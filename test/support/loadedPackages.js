// Preloaded (node -r) into a bot process a test starts: answers the IPC message `packages` with
// the npm packages the process has loaded so far, read from require.cache, where Node keeps every
// CommonJS module it has loaded (from require() and from import() alike).
process.on('message', (message) => {
  if (message !== 'packages') return;
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const at = file.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const name = /^(@[^/]+\/[^/]+|[^/]+)/.exec(file.slice(at + 'node_modules/'.length));
    if (name) names.add(name[1]);
  }
  process.send([...names].sort());
});
