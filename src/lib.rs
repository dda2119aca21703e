//! factdesk: a keyboard-driven workbench for fact-checking articles.
//!
//! The core (`model`, `store`, `ingest`, `report`) knows nothing of terminals; the CLI
//! (`cli`) and the workbench (`tui`) are front ends over it.

pub mod cli;
pub mod config;
pub mod dev;
pub mod ingest;
pub mod model;
pub mod store;
pub mod text;
pub mod tui;
pub mod validate;
pub mod workbench;
