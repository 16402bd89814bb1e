//! The only Rust that touches JavaScript: the wasm-bindgen exports (the public
//! core API) and the panel UI over web-sys.
