//! The HTML report's inline style sheet and its Content-Security-Policy: the sheet is
//! built per report (one colour class per rating of the scale) and the policy allows
//! exactly that sheet by its SHA-256 hash, nothing else.

use crate::model::Rating;
use base64::Engine;
use sha2::Digest;

const BASE_CSS: &str = r#":root{--ink:#1f2328;--muted:#59636e;--line:#d8dee4;--paper:#fff;--soft:#f3f4f6;--accent:#0b5394}
*{box-sizing:border-box}
html{font-size:17px;-webkit-text-size-adjust:100%}
body{margin:0;background:var(--soft);color:var(--ink);font:1rem/1.6 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif}
main{max-width:50rem;margin:0 auto;padding:2rem 1.25rem 3rem}
h1,h2,h3,h4,.sans,table,dl,ul.facts,.badge,.stance,.kicker,.who,.by,.disagree,footer{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1.1rem;margin:0}
h4{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:1.1rem 0 .4rem}
a{color:var(--accent)}
.kicker{font-size:.8rem;font-weight:600;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0}
.sheet{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:1.75rem 2rem;margin:0 0 1.5rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem;margin:0}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;font-size:.9rem}
table.summary td,table.summary th{padding:.3rem .8rem .3rem 0;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
table.summary td.n{text-align:right;font-variant-numeric:tabular-nums}
table.summary th{color:var(--muted);font-weight:600}
ul.facts{font-size:.9rem;padding-left:1.1rem}
.swatch{display:inline-block;width:.75rem;height:.75rem;border-radius:2px;background:var(--c);margin-right:.4rem;vertical-align:-.05rem}
.text p{margin:0 0 1rem}
a.claim{color:inherit;text-decoration:none;background:color-mix(in srgb,var(--c) 16%,transparent);border-bottom:2px solid var(--c);padding:.05rem .05rem}
a.claim.overlap{background:color-mix(in srgb,var(--c) 30%,transparent)}
a.claim.unreviewed{background:none;border-bottom-style:dashed}
a.claim:hover,a.claim:focus{background:color-mix(in srgb,var(--c) 35%,transparent)}
sup.cn{font:700 .65rem system-ui,sans-serif;margin-left:.1rem}
sup.cn a{color:var(--c);text-decoration:none}
.card{border:1px solid var(--line);border-left:6px solid var(--c);border-radius:8px;padding:1rem 1.25rem;margin:0 0 1.25rem;background:var(--paper)}
.card:target{box-shadow:0 0 0 3px color-mix(in srgb,var(--c) 40%,transparent)}
.card header{display:flex;gap:.75rem;align-items:baseline;flex-wrap:wrap}
.card .num{font:700 .9rem system-ui,sans-serif;color:var(--c)}
.card h3{flex:1 1 16rem}
.badge{display:inline-block;font-size:.85rem;font-weight:600;padding:.1rem .65rem;border-radius:999px;border:1px solid var(--c);background:color-mix(in srgb,var(--c) 14%,#fff);color:var(--ink);white-space:nowrap}
.badge .sym{color:var(--c);margin-right:.25rem}
blockquote{margin:.75rem 0;padding:.1rem 0 .1rem 1rem;border-left:3px solid var(--line);color:#333}
blockquote.quote{font-size:1.05rem;font-style:italic}
.who,.by{font-size:.85rem;color:var(--muted);margin:.25rem 0}
.rationale{margin:.5rem 0}
.disagree{font-size:.9rem;background:#fff4e5;border:1px solid #f0b35b;border-radius:6px;padding:.4rem .75rem;margin:.75rem 0}
.pending{font-size:.9rem;color:var(--muted);font-style:italic}
ol.sources{padding-left:0;list-style:none;margin:.25rem 0}
ol.sources li{margin:.35rem 0}
ol.sources blockquote{font-size:.92rem;margin:.25rem 0 .5rem}
.stance{display:inline-block;font-size:.7rem;font-weight:700;text-transform:uppercase;letter-spacing:.05em;padding:.05rem .4rem;border-radius:4px;margin-right:.35rem}
.stance.supports{background:#e6f4ea;color:#1e6b34}
.stance.refutes{background:#fce8e6;color:#a50e0e}
.stance.context{background:#e8eaed;color:#3c4043}
table.history{width:100%;font-size:.8rem}
table.history td,table.history th{border-top:1px solid var(--line);padding:.25rem .5rem .25rem 0;text-align:left;vertical-align:top}
table.history th{color:var(--muted);font-weight:600}
ul.notes{font-size:.9rem;padding-left:1.1rem}
ol.refs{padding-left:1.75rem;font-size:.92rem}
ol.refs li{margin:.3rem 0;overflow-wrap:anywhere}
.url-text{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;color:var(--muted)}
.back{font-size:.8rem}
footer{font-size:.8rem;color:var(--muted);text-align:center;margin-top:2rem}
@media (max-width:40rem){.sheet{padding:1.25rem 1rem}main{padding:1rem .5rem}}
@media print{
html{font-size:10.5pt}
body{background:#fff}
main{max-width:none;padding:0}
.sheet{border:none;border-radius:0;padding:0;margin:0 0 1rem}
.card{break-inside:avoid;border-color:#999}
h2,h3{break-after:avoid}
a{color:inherit;text-decoration:none}
a.ext:not(.bare)::after{content:" <" attr(href) ">";font-size:.85em;overflow-wrap:anywhere}
a.claim{background:none}
.back{display:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"#;

/// Colour for claims without a verdict.
const NO_VERDICT: &str = "#8c959f";

/// The style sheet for a scale: the base sheet plus `.r0` (no verdict) and `.r1`..`.rN`
/// (the scale's ratings in order). Colours that are not `#rrggbb` fall back to grey, so
/// nothing from the database can inject CSS.
pub fn style_sheet(ratings: &[Rating]) -> String {
    let mut css = String::from(BASE_CSS);
    css.push_str(&format!(".r0{{--c:{NO_VERDICT}}}\n"));
    for (i, r) in ratings.iter().enumerate() {
        let colour = if is_hex_colour(&r.colour) {
            r.colour.as_str()
        } else {
            NO_VERDICT
        };
        css.push_str(&format!(".r{}{{--c:{colour}}}\n", i + 1));
    }
    css
}

fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// The Content-Security-Policy for a page whose only style is `css`: no scripts, no
/// fetches, no forms, no base URL, images only inline.
pub fn content_security_policy(css: &str) -> String {
    let hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(css.as_bytes()));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src data:; base-uri 'none'; form-action 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_hash_matches_sheet() {
        let css = "body{color:red}";
        // echo -n 'body{color:red}' | openssl dgst -sha256 -binary | base64
        let expected =
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(css.as_bytes()));
        assert!(content_security_policy(css).contains(&format!("'sha256-{expected}'")));
        assert!(content_security_policy(css).starts_with("default-src 'none'; "));
    }

    #[test]
    fn bad_colours_fall_back() {
        let rating = Rating {
            name: "x".into(),
            position: 1,
            description: String::new(),
            rating_value: None,
            colour: "red;}body{display:none".into(),
            symbol: "?".into(),
        };
        let css = style_sheet(&[rating]);
        assert!(css.ends_with(&format!(".r1{{--c:{NO_VERDICT}}}\n")));
        assert!(!css.contains("red;}body"));
    }
}
