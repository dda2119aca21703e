//! Starting the workbench: open the database, import the demo article on a first run
//! (so a newcomer sees real work at once) or the FILE given, then hand over to the TUI.

use crate::cli::{Context, read_article_file};
use crate::ingest;
use crate::store::{ImportOutcome, Store};
use anyhow::Result;
use std::path::Path;

/// The example article shipped in `examples/`, built into the binary so the first run
/// works from any directory.
pub const EXAMPLE_ARTICLE: &str = include_str!("../examples/iran-taliban-consensus.txt");

/// Imports the example article into an empty database. Returns its id when it did.
pub fn seed_example(store: &mut Store) -> Result<Option<String>> {
    if store.article_count()? > 0 {
        return Ok(None);
    }
    let doc = ingest::read_document(EXAMPLE_ARTICLE.as_bytes(), "iran-taliban-consensus.txt")?;
    let claims = ingest::propose_claims(&doc.body);
    match store.import_article(&doc, &claims)? {
        ImportOutcome::Imported { id, .. } | ImportOutcome::Duplicate { id, .. } => Ok(Some(id)),
    }
}

/// Opens the workbench: on `file` if given (importing it first), else on the picker.
pub fn start(ctx: &Context, file: Option<&Path>) -> Result<()> {
    let mut store = ctx.open()?;
    let open_article = match file {
        Some(path) => {
            let doc = read_article_file(path)?;
            let claims = ingest::propose_claims(&doc.body);
            match store.import_article(&doc, &claims)? {
                ImportOutcome::Imported { id, .. } | ImportOutcome::Duplicate { id, .. } => {
                    Some(id)
                }
            }
        }
        None => seed_example(&mut store)?,
    };
    crate::tui::run(store, open_article)
}
