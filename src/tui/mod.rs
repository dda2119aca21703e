//! The terminal workbench (state + update + view).

use crate::store::Store;
use anyhow::{Result, bail};

/// Runs the workbench until the reviewer quits.
pub fn run(_store: Store, _open_article: Option<String>) -> Result<()> {
    bail!("the workbench is not built yet")
}
