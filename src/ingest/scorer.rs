//! The check-worthiness model: logistic regression over the named features and hashed
//! word 1-2-grams, with weights trained by `examples/train_checkworthy.rs` and shipped
//! in `weights.txt` (built into the binary).
//!
//! Weights file, one entry a line: `threshold T`, `f NAME W` for a named feature
//! (`bias` among them), `h BUCKET W` for an n-gram bucket; `#` starts a comment.

use super::features::{self, FEATURE_NAMES, Features, HASH_SIZE, Scratch};
use std::sync::OnceLock;

const SHIPPED_WEIGHTS: &str = include_str!("weights.txt");

/// Weights of the linear model and its decision threshold.
#[derive(Debug, Clone)]
pub struct Model {
    pub feature_weights: Vec<f32>,
    pub hash_weights: Vec<f32>,
    pub threshold: f64,
}

/// Why a weights file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("weights line {line}: {problem}")]
pub struct WeightsError {
    pub line: usize,
    pub problem: String,
}

impl Model {
    /// An all-zero model (every score 0.5) with threshold 0.5.
    pub fn empty() -> Model {
        Model {
            feature_weights: vec![0.0; FEATURE_NAMES.len()],
            hash_weights: vec![0.0; HASH_SIZE],
            threshold: 0.5,
        }
    }

    /// The model shipped with factdesk.
    pub fn shipped() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::parse(SHIPPED_WEIGHTS).unwrap_or_else(|_| Model::empty()))
    }

    /// Reads a weights file.
    pub fn parse(text: &str) -> Result<Model, WeightsError> {
        let mut m = Model::empty();
        for (n, line) in text.lines().enumerate() {
            let err = |problem: &str| WeightsError {
                line: n + 1,
                problem: problem.to_string(),
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_ascii_whitespace();
            let kind = parts.next().unwrap_or_default();
            let key = parts.next().ok_or_else(|| err("missing key"))?;
            let value = parts.next();
            match kind {
                "threshold" => m.threshold = key.parse().map_err(|_| err("bad threshold"))?,
                "f" => {
                    let i = FEATURE_NAMES
                        .iter()
                        .position(|n| *n == key)
                        .ok_or_else(|| err("unknown feature"))?;
                    m.feature_weights[i] = parse_weight(value).ok_or_else(|| err("bad weight"))?;
                }
                "h" => {
                    let i: usize = key.parse().map_err(|_| err("bad bucket"))?;
                    let slot = m
                        .hash_weights
                        .get_mut(i)
                        .ok_or_else(|| err("bucket out of range"))?;
                    *slot = parse_weight(value).ok_or_else(|| err("bad weight"))?;
                }
                _ => return Err(err("unknown entry")),
            }
        }
        Ok(m)
    }

    /// The linear score (log-odds) of extracted features.
    pub fn logit(&self, f: &Features) -> f64 {
        let mut z = 0.0f64;
        let mut flags = f.flags;
        while flags != 0 {
            let i = flags.trailing_zeros() as usize;
            z += f64::from(self.feature_weights.get(i).copied().unwrap_or(0.0));
            flags &= flags - 1;
        }
        let scale = ngram_scale(f);
        let mut sum = 0.0f32;
        for &h in &f.hashes {
            sum += self.hash_weights[h as usize];
        }
        z + f64::from(sum) * scale
    }

    /// Probability that a sentence with these features is check-worthy.
    pub fn probability(&self, f: &Features) -> f64 {
        sigmoid(self.logit(f))
    }

    /// Scores one sentence; `headline` marks a line without a full stop of its own.
    pub fn score(&self, text: &str, headline: bool, scratch: &mut Scratch) -> f64 {
        features::extract(text, scratch);
        if headline {
            scratch.features.flags |= features::HEADLINE;
        }
        self.probability(&scratch.features)
    }
}

/// The value every n-gram of a sentence carries: n-gram vectors are L2-normalised, so
/// long sentences do not win on length alone.
pub fn ngram_scale(f: &Features) -> f64 {
    if f.hashes.is_empty() {
        0.0
    } else {
        1.0 / (f.hashes.len() as f64).sqrt()
    }
}

fn parse_weight(v: Option<&str>) -> Option<f32> {
    v?.parse::<f32>().ok().filter(|w| w.is_finite())
}

pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}
