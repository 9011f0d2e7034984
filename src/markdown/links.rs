//! Where a body's links and images point: Markdown files become their pages' URLs, static
//! files their site paths, and a broken or unsafe destination becomes a problem with a fix.

use super::{AnchorRef, Dest, Renderer};
use crate::config::address::{scheme_of, LINK_SCHEMES};
use crate::routes;
use pulldown_cmark::LinkType;

impl Renderer<'_, '_> {
    pub(super) fn link_dest(
        &mut self,
        dest: &str,
        offset: usize,
        width: usize,
        link_type: LinkType,
    ) -> Dest {
        if matches!(link_type, LinkType::Email) {
            return Dest::Keep;
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            self.out.anchors.push(AnchorRef {
                target_rel: self.doc.rel.to_string(),
                anchor: anchor.to_string(),
                offset,
                width,
            });
            return Dest::Keep;
        }
        if let Some(scheme) = scheme_of(dest) {
            return if LINK_SCHEMES.contains(&scheme.as_str()) {
                Dest::Keep
            } else {
                self.problem(offset, width, format!("link uses the `{scheme}:` scheme, which pages may not contain"),
                    Some("link to an `http://`, `https://` or `mailto:` address, or to another content file by its relative path"));
                Dest::Drop
            };
        }
        if dest.starts_with("//") {
            return Dest::Keep;
        }
        if dest.starts_with('/') {
            self.problem(offset, width, format!("link `{dest}` starts with `/`, which breaks when the hub is published under a sub-path"),
                Some("link to the Markdown file by its relative path, e.g. `../zones/data.md`"));
            return Dest::Drop;
        }
        let (path, frag) = match dest.find('#') {
            Some(i) => (&dest[..i], Some(&dest[i + 1..])),
            None => (dest, None),
        };
        let path = percent_decode(path);
        let Some(target_rel) = routes::resolve_rel(self.doc.rel, &path) else {
            self.problem(
                offset,
                width,
                format!("link `{dest}` points outside the content folder"),
                Some("link to a file inside content/"),
            );
            return Dest::Drop;
        };
        self.out.links.push(target_rel.clone());
        let Some(url) = self.targets.urls.get(&target_rel) else {
            let help = self.suggest_target(&target_rel);
            self.problem(
                offset,
                width,
                format!("link `{dest}` goes nowhere: there is no `{target_rel}`"),
                Some(&help),
            );
            return Dest::Drop;
        };
        if let Some(anchor) = frag.filter(|f| !f.is_empty()) {
            self.out.anchors.push(AnchorRef {
                target_rel: target_rel.clone(),
                anchor: anchor.to_string(),
                offset,
                width,
            });
            Dest::Rewrite(routes::relative(self.doc.page, &format!("{url}#{anchor}")))
        } else {
            Dest::Rewrite(routes::relative(self.doc.page, url))
        }
    }

    pub(super) fn image_src(&mut self, dest: &str, offset: usize, width: usize) -> String {
        if scheme_of(dest).is_some() || dest.starts_with("//") {
            self.problem(offset, width, format!("image `{dest}` is on another site"),
                Some("save the image under content/static/ and link to it by relative path: pages must not load anything from other sites"));
            return String::new();
        }
        let path = percent_decode(dest.split('#').next().unwrap_or(dest));
        let target = routes::resolve_rel(self.doc.rel, &path);
        self.out.links.extend(target.clone());
        match target.and_then(|rel| self.targets.urls.get(&rel).map(|u| (rel, u))) {
            Some((rel, url)) if rel.starts_with("static/") => routes::relative(self.doc.page, url),
            _ => {
                let help = format!("put the image in content/static/ and link to it relative to this file, e.g. `{}static/picture.png`",
                    "../".repeat(self.doc.rel.matches('/').count()));
                self.problem(
                    offset,
                    width,
                    format!("image `{dest}` does not exist"),
                    Some(&help),
                );
                String::new()
            }
        }
    }

    pub(super) fn suggest_target(&self, wanted: &str) -> String {
        let dir = wanted.rsplit_once('/').map_or("", |(d, _)| d);
        let candidates: Vec<&str> = self
            .targets
            .urls
            .keys()
            .map(String::as_str)
            .filter(|k| k.starts_with(dir))
            .collect();
        match crate::diagnostics::did_you_mean(wanted, candidates) {
            Some(s) => format!("did you mean `{}`?", routes::relative(self.doc.rel, s)),
            None => "check the file name and folder; links are relative to this file, e.g. `../zones/data.md`".to_string(),
        }
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
