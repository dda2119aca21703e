//! The terminal workbench: state (`app`), intents (`action`) from one keymap table
//! (`keymap`), store work (`command`) and drawing (`view`). This file owns the terminal:
//! the event loop, live refresh from other processes, and restoring the terminal on
//! quit, error, panic and SIGTERM/SIGHUP/SIGINT.

pub mod action;
pub mod app;
pub mod command;
pub mod draft;
pub mod forms;
pub mod input;
pub mod keymap;
pub mod layout;
mod modal;
pub mod navigate;
pub mod restore;
mod screens;
pub mod selection;
pub mod view;
mod workbench_keys;
pub mod wrap;
mod write;

use crate::store::Store;
use action::Action;
use anyhow::Result;
use app::App;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often to ask SQLite whether another process changed the database.
const REFRESH_EVERY: Duration = Duration::from_millis(500);

/// Builds the app for a store: the picker loaded, or the article opened.
pub fn start_app(
    store: &mut Store,
    open_article: Option<&str>,
    size: ratatui::layout::Rect,
) -> App {
    let label = store
        .path()
        .map_or_else(|| ":memory:".to_string(), |p| p.display().to_string());
    let mut app = App::new(store.reviewer(), &label);
    app.resize(size);
    app.load_drafts(store);
    // The picker is read when it is shown: opening an article reads only the article.
    let mut next = open_article.is_none().then(|| app.load_picker(0));
    while let Some(cmd) = next {
        next = app.apply(command::execute(store, cmd));
    }
    if let Some(id) = open_article {
        let mut next = Some(command::Command::OpenArticle {
            id: id.to_string(),
            select: None,
        });
        while let Some(cmd) = next {
            next = app.apply(command::execute(store, cmd));
        }
    }
    // Said last, so nothing the start-up says hides it.
    if let (Some(upgrade), Some(path)) = (store.upgraded(), store.path()) {
        app.info(upgrade.message(path));
    }
    app
}

/// Runs the workbench until the reviewer quits.
pub fn run(
    mut store: Store,
    open_article: Option<String>,
    report_options: crate::report::ReportOptions,
) -> Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the workbench needs an interactive terminal; for scripts use the commands (factdesk --help)"
        );
    }

    let stop = Arc::new(AtomicBool::new(false));
    let keeper = DraftKeeper {
        slot: Arc::new(Mutex::new(None)),
        path: store.path().map(draft::drafts_path),
    };
    watch_signals(Arc::clone(&stop), keeper.clone())?;
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        default_hook(info);
    }));
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => {
            ratatui::restore();
            return Err(anyhow::anyhow!("cannot set up the terminal: {e}"));
        }
    };
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let result = event_loop(
        &mut terminal,
        &mut store,
        open_article.as_deref(),
        report_options,
        &stop,
        &keeper,
    );
    let kept = keeper.save();
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    if let Some(path) = kept {
        eprintln!(
            "factdesk: the unsaved form text is kept in {}",
            path.display()
        );
    }
    result
}

/// The open form's unsaved text, shared with the signal watcher so that even a hang-up
/// that never reaches the event loop keeps it.
#[derive(Clone)]
struct DraftKeeper {
    slot: Arc<Mutex<Option<draft::Draft>>>,
    path: Option<std::path::PathBuf>,
}

impl DraftKeeper {
    fn update(&self, app: &App) {
        if let Ok(mut slot) = self.slot.lock() {
            *slot = app.current_draft();
        }
    }

    /// Keeps the draft (once) in the drafts file, replacing an earlier one of the same
    /// form (a quit with Ctrl-C has kept it already); its path when it did.
    fn save(&self) -> Option<std::path::PathBuf> {
        let draft = self.slot.lock().ok()?.take()?;
        let path = self.path.clone()?;
        draft::keep(&path, &draft).ok()?;
        Some(path)
    }
}

/// On SIGTERM, SIGHUP or SIGINT: ask the loop to stop (it restores the terminal on its
/// way out; it looks at least every [`REFRESH_EVERY`]). If it has not within a second,
/// restore and exit from here: crossterm 0.29 spins forever reading a hung-up
/// terminal, so the loop may never look. Nothing is lost by exiting: every change was
/// committed when it was made. Either way the exit status is 128 + the signal's number
/// (143 for SIGTERM, 129 for SIGHUP), as a shell reports a killed program.
fn watch_signals(stop: Arc<AtomicBool>, keeper: DraftKeeper) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            STOPPED_BY.store(signal, Ordering::SeqCst);
            stop.store(true, Ordering::SeqCst);
            std::thread::sleep(Duration::from_secs(1));
            keeper.save();
            let _ = execute!(std::io::stdout(), DisableBracketedPaste);
            ratatui::restore();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// The signal that stopped the workbench (0: none).
static STOPPED_BY: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// The exit status a workbench stopped by a signal ends with: 128 + its number.
pub fn signal_exit_status() -> Option<u8> {
    match STOPPED_BY.load(Ordering::SeqCst) {
        0 => None,
        signal => u8::try_from(128 + signal).ok(),
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    store: &mut Store,
    open_article: Option<&str>,
    report_options: crate::report::ReportOptions,
    stop: &AtomicBool,
    keeper: &DraftKeeper,
) -> Result<()> {
    let size = terminal.size()?;
    let mut app = start_app(
        store,
        open_article,
        ratatui::layout::Rect::new(0, 0, size.width, size.height),
    );
    app.report_options = report_options;
    let restorable = app.drafts.len();
    if let Some(notice) = keeper
        .path
        .as_deref()
        .and_then(|p| draft::notice(p, restorable))
    {
        app.info(notice);
    }
    let theme = view::Theme::from_env();
    let mut version = store.data_version()?;
    let mut last_check = Instant::now();
    while !app.quit && !stop.load(Ordering::Relaxed) {
        terminal.draw(|frame| {
            if frame.area() != app.size {
                app.resize(frame.area());
            }
            view::render(&app, theme, frame)
        })?;
        // Handle everything pending before drawing again.
        let mut timeout = REFRESH_EVERY.saturating_sub(last_check.elapsed());
        while event::poll(timeout)? {
            timeout = Duration::ZERO;
            let action = match event::read()? {
                Event::Key(key) if key.is_press() || key.is_repeat() => {
                    keymap::action_for(&app.layers(), &key)
                }
                Event::Paste(text) => Some(Action::Input(input::Edit::Paste(text))),
                Event::Resize(w, h) => {
                    app.resize(ratatui::layout::Rect::new(0, 0, w, h));
                    None
                }
                _ => None,
            };
            if let Some(action) = action {
                app.dispatch(store, action);
                keeper.update(&app);
            }
            if app.quit || stop.load(Ordering::Relaxed) {
                break;
            }
        }
        if last_check.elapsed() >= REFRESH_EVERY {
            last_check = Instant::now();
            let now = store.data_version()?;
            if now != version {
                version = now;
                app.dispatch(store, Action::Refresh);
            }
        }
    }
    Ok(())
}
