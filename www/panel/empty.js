// make bench's "empty extension page": the same marks as panel.js, with no
// wasm and no panel code between them (only the frame panel.js waits for).
performance.mark('defuse-panel-start');
new Promise((ok) => {
  const done = () => setTimeout(ok, 0);
  requestAnimationFrame(done);
  setTimeout(done, 100);
}).then(() => {
  performance.mark('defuse-panel-interactive');
  document.documentElement.dataset.ready = 'true';
});
