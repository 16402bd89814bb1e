// Bundles www/ into dist/, a loadable unpacked MV3 extension, with the wasm
// core from pkg/ (made by `make build`: cargo → wasm-bindgen → wasm-opt).
// The manifest's version is filled in here from Cargo.toml, the one source.

const path = require('path');
const fs = require('fs');
const webpack = require('webpack');
const CopyPlugin = require('copy-webpack-plugin');

function crateVersion() {
  const toml = fs.readFileSync(path.join(__dirname, 'Cargo.toml'), 'utf8');
  const m = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms.exec(toml);
  if (!m) throw new Error('Cargo.toml has no [package] version');
  return m[1];
}

module.exports = (env, argv) => {
  const version = crateVersion();
  const www = (p) => path.join(__dirname, 'www', p);
  return {
    mode: argv.mode || 'production',
    // Extension pages forbid eval, so no eval-based source maps.
    devtool: false,
    entry: {
      panel: www('panel/panel.js'),
      agent: www('agent/content.js'),
      'agent-embed': www('agent/embed.js'),
      // The CRM pages' only manifest content script (document_start): waits for load, then loads the agent on demand.
      'agent-channel': www('agent/channel.js'),
      // The MAIN-world helper: reaches editor instances that live in the page's world.
      'agent-main': www('agent/main-world.js'),
      background: www('background/background.js'),
    },
    output: {
      path: path.join(__dirname, 'dist'),
      filename: '[name].js',
      clean: true,
      // Classic scripts: the service worker must not be a module that imports lazily.
      chunkFormat: 'array-push',
      publicPath: '',
      // No `new Function('return this')` shim (store linters flag it as eval):
      // every runtime Defuse supports has `globalThis`.
      globalObject: 'globalThis',
    },
    node: { global: false },
    optimization: { splitChunks: false, runtimeChunk: false, minimize: true },
    performance: { hints: false },
    module: {
      // wasm-bindgen's `new URL('defuse_bg.wasm', import.meta.url)` makes
      // webpack emit the wasm as an asset: keep its name stable, since the
      // panel loads it by that name (see panel.js).
      rules: [{ test: /\.wasm$/, type: 'asset/resource', generator: { filename: '[name][ext]' } }],
    },
    plugins: [
      new webpack.DefinePlugin({
        DEFUSE_EMBED_ORIGIN: JSON.stringify(process.env.DEFUSE_EMBED_ORIGIN || ''),
        DEFUSE_VERSION: JSON.stringify(version),
      }),
      new CopyPlugin({
        patterns: [
          {
            from: 'manifest.json',
            transform: (content) => {
              const manifest = JSON.parse(content.toString());
              manifest.version = version;
              return JSON.stringify(manifest, null, 2);
            },
          },
          { from: 'www/panel/panel.html' },
          { from: 'www/panel/panel.css' },
          { from: 'www/icons', to: 'icons' },
        ],
      }),
    ],
  };
};
