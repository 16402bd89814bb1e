// The panel's first script: a tiny classic script in <head> that starts
// compiling the wasm core while the rest of the page (panel.js, ~30 KB)
// is still arriving and being parsed. panel.js hands the promised module
// to the wasm-bindgen glue, which then only instantiates it.
// Kept in plain ES2017 with no imports: it runs before any bundle.
(function () {
  var url = new URL('defuse_bg.wasm', document.baseURI);
  var fetchCompile = function () {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error('failed to fetch the Defuse core: ' + r.status);
      return r.arrayBuffer();
    }).then(function (bytes) { return WebAssembly.compile(bytes); });
  };
  var compiled;
  try {
    // Streaming needs the application/wasm type (extension pages have it;
    // an embedding server may not): fall back to a plain compile then.
    compiled = WebAssembly.compileStreaming(fetch(url)).catch(fetchCompile);
  } catch (e) {
    compiled = fetchCompile();
  }
  // Nobody may await it (a failed start-up says why from panel.js).
  compiled.catch(function () {});
  globalThis.defuseCoreModule = compiled;
})();
