//! A text field that behaves as people expect: cursor moves, word delete, paste, and
//! (for rationales and notes) several lines. Positions are char indices, never bytes.

/// One editing step, produced by the keymap (or by typing) and applied to a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Type one character at the cursor.
    Insert(char),
    /// Insert pasted text (newlines kept only in multi-line fields).
    Paste(String),
    /// Start a new line (multi-line fields only).
    Newline,
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Delete from the start of the line to the cursor.
    DeleteToStart,
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    /// Move to the line above (multi-line fields).
    Up,
    /// Move to the line below (multi-line fields).
    Down,
}

/// The contents and cursor of one text field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    chars: Vec<char>,
    cursor: usize,
    pub multiline: bool,
}

impl TextInput {
    pub fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        TextInput {
            cursor: chars.len(),
            chars,
            multiline: false,
        }
    }

    pub fn multiline(text: &str) -> Self {
        TextInput {
            multiline: true,
            ..Self::new(text)
        }
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn is_blank(&self) -> bool {
        self.chars.iter().all(|c| c.is_whitespace())
    }

    /// Cursor position as a char index into [`TextInput::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The cursor as (line, column in chars).
    pub fn cursor_line_col(&self) -> (usize, usize) {
        let before = &self.chars[..self.cursor];
        let line = before.iter().filter(|&&c| c == '\n').count();
        let col = before.iter().rev().take_while(|&&c| c != '\n').count();
        (line, col)
    }

    pub fn apply(&mut self, edit: &Edit) {
        match edit {
            Edit::Insert(c) => self.insert(*c),
            Edit::Paste(s) => {
                // Terminals and tmux send line breaks in a paste as CR (or CR LF).
                let s = s.replace("\r\n", "\n").replace('\r', "\n");
                for c in s.chars() {
                    match c {
                        '\n' if !self.multiline => self.insert(' '),
                        '\t' => self.insert(' '),
                        c if c.is_control() && c != '\n' => {}
                        c => self.insert(c),
                    }
                }
            }
            Edit::Newline if self.multiline => self.insert('\n'),
            Edit::Newline => {}
            Edit::Backspace => {
                let start = self.grapheme_left();
                self.chars.drain(start..self.cursor);
                self.cursor = start;
            }
            Edit::Delete => {
                let end = self.grapheme_right();
                self.chars.drain(self.cursor..end);
            }
            Edit::DeleteWord => {
                let start = self.word_left();
                self.chars.drain(start..self.cursor);
                self.cursor = start;
            }
            Edit::DeleteToStart => {
                let start = self.line_start();
                self.chars.drain(start..self.cursor);
                self.cursor = start;
            }
            Edit::Left => self.cursor = self.grapheme_left(),
            Edit::Right => self.cursor = self.grapheme_right(),
            Edit::WordLeft => self.cursor = self.word_left(),
            Edit::WordRight => self.cursor = self.word_right(),
            Edit::Home => self.cursor = self.line_start(),
            Edit::End => self.cursor = self.line_end(),
            Edit::Up | Edit::Down => self.move_vertically(matches!(edit, Edit::Down)),
        }
    }

    fn insert(&mut self, c: char) {
        if (c == '\n' && !self.multiline) || (c.is_control() && c != '\n') {
            return;
        }
        self.chars.insert(self.cursor, c);
        self.cursor += 1;
    }

    fn line_start(&self) -> usize {
        self.chars[..self.cursor]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |i| i + 1)
    }

    /// Char indices where user-perceived characters start (and the end): "é" typed as
    /// e + U+0301, or 👍🏽, is one step for the cursor and one Backspace.
    fn grapheme_bounds(&self) -> Vec<usize> {
        use unicode_segmentation::UnicodeSegmentation;
        let text = self.text();
        let mut at = 0;
        let mut bounds = vec![0];
        for g in text.graphemes(true) {
            at += g.chars().count();
            bounds.push(at);
        }
        bounds
    }

    fn grapheme_left(&self) -> usize {
        self.grapheme_bounds()
            .into_iter()
            .rev()
            .find(|&b| b < self.cursor)
            .unwrap_or(0)
    }

    fn grapheme_right(&self) -> usize {
        self.grapheme_bounds()
            .into_iter()
            .find(|&b| b > self.cursor)
            .unwrap_or(self.chars.len())
    }

    fn line_end(&self) -> usize {
        self.chars[self.cursor..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(self.chars.len(), |i| self.cursor + i)
    }

    fn word_left(&self) -> usize {
        let mut i = self.cursor;
        while i > 0 && self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    fn word_right(&self) -> usize {
        let n = self.chars.len();
        let mut i = self.cursor;
        while i < n && !self.chars[i].is_whitespace() {
            i += 1;
        }
        while i < n && self.chars[i].is_whitespace() {
            i += 1;
        }
        i
    }

    fn move_vertically(&mut self, down: bool) {
        let (_, col) = self.cursor_line_col();
        let start = self.line_start();
        let target_start = if down {
            let end = self.line_end();
            if end >= self.chars.len() {
                return;
            }
            end + 1
        } else {
            if start == 0 {
                return;
            }
            self.chars[..start - 1]
                .iter()
                .rposition(|&c| c == '\n')
                .map_or(0, |i| i + 1)
        };
        let target_end = self.chars[target_start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(self.chars.len(), |i| target_start + i);
        self.cursor = (target_start + col).min(target_end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> TextInput {
        let mut t = TextInput::multiline("");
        for c in s.chars() {
            t.apply(&if c == '\n' {
                Edit::Newline
            } else {
                Edit::Insert(c)
            });
        }
        t
    }

    #[test]
    fn edits_words_and_lines() {
        let mut t = typed("only some neighbours");
        t.apply(&Edit::DeleteWord);
        assert_eq!(t.text(), "only some ");
        t.apply(&Edit::Home);
        t.apply(&Edit::Insert('>'));
        assert_eq!(t.text(), ">only some ");
        t.apply(&Edit::End);
        t.apply(&Edit::Paste("a\r\nb\tc".into()));
        assert_eq!(t.text(), ">only some a\nb c");
        t.apply(&Edit::Up);
        assert_eq!(t.cursor_line_col(), (0, 3));
        t.apply(&Edit::DeleteToStart);
        assert_eq!(t.text(), "ly some a\nb c");
    }

    #[test]
    fn cursor_and_backspace_step_over_whole_characters() {
        let mut t = TextInput::new("cafe\u{301} 👍🏽");
        t.apply(&Edit::Backspace);
        assert_eq!(t.text(), "cafe\u{301} ");
        t.apply(&Edit::Left);
        t.apply(&Edit::Left);
        assert_eq!(t.cursor(), 3, "one step over e + combining accent");
        t.apply(&Edit::Delete);
        assert_eq!(t.text(), "caf ");
        t.apply(&Edit::Right);
        assert_eq!(t.cursor(), 4);
    }

    #[test]
    fn single_line_drops_newlines_and_handles_unicode() {
        let mut t = TextInput::new("Sinirlioğlu 日本");
        t.apply(&Edit::Newline);
        t.apply(&Edit::Paste("x\ny\u{1b}".into()));
        assert_eq!(t.text(), "Sinirlioğlu 日本x y");
        t.apply(&Edit::WordLeft);
        t.apply(&Edit::WordLeft);
        t.apply(&Edit::Backspace);
        assert_eq!(t.text(), "Sinirlioğlu日本x y");
    }
}
