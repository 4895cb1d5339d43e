//! HTML templates minified once, when the theme is loaded, instead of every page after it is
//! rendered: minify-html on each of 100,000 pages was over half of a province build's CPU time,
//! and almost all of what it removed (indentation, line breaks, comments, quotes) was written in
//! the templates, not in the records.
//!
//! Only the template's own text changes: whitespace (by minify-html's own table of which
//! elements collapse, trim or drop it), comments, and the quotes around static attribute values.
//! Tera tags pass through untouched, and what they insert stays as Tera escapes it. Whitespace
//! that a Tera `if` or `for` puts next to text on some path is only collapsed, never dropped.
//! A template this cannot follow (an unclosed tag or Tera block) is kept as written. That the
//! result renders the same page is checked by the site's tests: minify-html makes the same page
//! of a raw and of a compacted template.

use std::borrow::Cow;
use std::collections::HashSet;

use minify_html_common::spec::tag::ns::Namespace;
use minify_html_common::spec::tag::void::VOID_TAGS;
use minify_html_common::spec::tag::whitespace::{
    WhitespaceMinification, get_whitespace_minification_for_tag,
};

/// Minifies an HTML template; see the module documentation.
pub fn html_template(source: &str) -> Cow<'_, str> {
    match Scanner::scan(source).and_then(|tokens| decide(&tokens)) {
        Some(compact) => Cow::Owned(compact),
        None => Cow::Borrowed(source),
    }
}

/// Minifies HTML that no template wrote (Markdown rendered to HTML) with minify-html.
pub fn html_fragment(html: &str) -> String {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        ..minify_html::Cfg::default()
    };
    String::from_utf8(minify_html::minify(html.as_bytes(), &cfg))
        .map(escape_lt_in_attributes)
        .unwrap_or_else(|_| html.to_string())
}

/// minify-html writes `<` inside quoted attribute values unescaped (an image's alt text from
/// `![<script>…](…)`): inert to a browser, but record and page text must read as escaped to
/// every tool that scans pages too, so it goes back to `&lt;`.
fn escape_lt_in_attributes(html: String) -> String {
    if !html.contains(['"', '\'']) {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    let mut chars = html.chars().peekable();
    while let Some(c) = chars.next() {
        match (in_tag, quote, c) {
            (_, Some(q), c) if c == q => quote = None,
            (_, Some(_), '<') => {
                out.push_str("&lt;");
                continue;
            }
            (true, None, '"' | '\'') => quote = Some(c),
            (true, None, '>') => in_tag = false,
            (false, None, '<') => {
                in_tag = chars
                    .peek()
                    .is_some_and(|next| next.is_ascii_alphabetic() || *next == '/');
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// A Tera statement that writes nothing itself, by how it steers what is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    If,
    Elif,
    Else,
    EndIf,
    For,
    EndFor,
    /// `set`, `extends`, `import`, comments, and HTML comments (which are dropped).
    Plain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// A run of HTML whitespace in text, to be decided.
    Space,
    /// Text, or anything a Tera tag writes.
    Text,
    /// A start tag; `void` elements (and `<x/>` in SVG) hold nothing.
    Open {
        void: bool,
    },
    Close,
    /// A doctype.
    Markup,
    /// Writes nothing.
    Flow(Flow),
    /// The start or end of a Tera block, macro or filter: what surrounds it is not known here.
    Boundary,
}

/// Where a run of whitespace sits.
#[derive(Clone, Copy)]
enum Parent {
    /// minify-html's rules for the parent element; `root` at the top of a whole document.
    Known {
        rules: &'static WhitespaceMinification,
        root: bool,
    },
    /// Inside a Tera block of a template that extends another: the element it lands in is
    /// not known here, so the whitespace is kept as written.
    Unknown,
}

struct Token {
    kind: Piece,
    text: String,
    parent: Parent,
}

enum Frame {
    Root,
    Unknown,
    Element {
        name: String,
        /// The namespace of its children.
        ns: Namespace,
        pre: bool,
        whitespace: &'static WhitespaceMinification,
    },
}

/// Splits a template into tokens, following the HTML around the Tera tags.
struct Scanner<'a> {
    source: &'a str,
    at: usize,
    tokens: Vec<Token>,
    stack: Vec<Frame>,
}

const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl<'a> Scanner<'a> {
    fn scan(source: &'a str) -> Option<Vec<Token>> {
        let document = {
            let start = source.trim_start().as_bytes();
            start.len() >= 9 && start[..9].eq_ignore_ascii_case(b"<!doctype")
                || start.len() >= 5 && start[..5].eq_ignore_ascii_case(b"<html")
        };
        let mut scanner = Scanner {
            source,
            at: 0,
            tokens: Vec::new(),
            stack: vec![if document {
                Frame::Root
            } else {
                Frame::Unknown
            }],
        };
        while scanner.at < source.len() {
            scanner.step()?;
        }
        Some(scanner.tokens)
    }

    fn rest(&self) -> &'a str {
        &self.source[self.at..]
    }

    fn parent(&self) -> Parent {
        match self.stack.last() {
            Some(Frame::Root) => Parent::Known {
                rules: get_whitespace_minification_for_tag(Namespace::Html, b"", false),
                root: true,
            },
            Some(Frame::Element { whitespace, .. }) => Parent::Known {
                rules: whitespace,
                root: false,
            },
            Some(Frame::Unknown) | None => Parent::Unknown,
        }
    }

    fn push(&mut self, kind: Piece, text: &str) {
        let parent = self.parent();
        if let (Piece::Text, Some(last)) = (kind, self.tokens.last_mut())
            && last.kind == Piece::Text
        {
            last.text.push_str(text);
            return;
        }
        self.tokens.push(Token {
            kind,
            text: text.to_string(),
            parent,
        });
    }

    /// The length of the Tera tag at the start of `rest`, if one starts there.
    fn tera_len(rest: &str) -> Option<Option<usize>> {
        let bytes = rest.as_bytes();
        if bytes.len() < 2 || bytes[0] != b'{' {
            return None;
        }
        let close: &[u8] = match bytes[1] {
            b'{' => b"}}",
            b'%' => b"%}",
            b'#' => b"#}",
            _ => return None,
        };
        let mut i = 2;
        while i + 1 < bytes.len() {
            let c = bytes[i];
            if close != b"#}" && matches!(c, b'"' | b'\'' | b'`') {
                // A string literal may hold the closing delimiter.
                let end = bytes[i + 1..].iter().position(|&b| b == c)?;
                i += end + 2;
                continue;
            }
            if bytes[i..].starts_with(close) {
                return Some(Some(i + 2));
            }
            i += 1;
        }
        Some(None)
    }

    /// A Tera statement's keyword: `if` for `{%- if x -%}`.
    fn keyword(tag: &str) -> &str {
        let inner = tag[2..tag.len() - 2].trim_matches('-').trim();
        inner
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
    }

    /// Consumes a Tera tag at the cursor (known to start one) and says what it is.
    fn tera(&mut self) -> Option<(Piece, &'a str)> {
        let len = Self::tera_len(self.rest())??;
        let tag = &self.rest()[..len];
        self.at += len;
        let kind = match &tag[..2] {
            "{{" => Piece::Text,
            "{#" => Piece::Flow(Flow::Plain),
            _ => match Self::keyword(tag) {
                "if" => Piece::Flow(Flow::If),
                "elif" => Piece::Flow(Flow::Elif),
                "else" => Piece::Flow(Flow::Else),
                "endif" => Piece::Flow(Flow::EndIf),
                "for" => Piece::Flow(Flow::For),
                "endfor" => Piece::Flow(Flow::EndFor),
                "set" | "set_global" | "extends" | "import" | "break" | "continue" => {
                    Piece::Flow(Flow::Plain)
                }
                "include" => Piece::Text,
                "raw" => {
                    // Everything up to `{% endraw %}` is written as it stands.
                    let start = self.at - len;
                    loop {
                        let next = self.rest().find("{%")?;
                        self.at += next;
                        let len = Self::tera_len(self.rest())??;
                        let end = &self.rest()[..len];
                        self.at += len;
                        if Self::keyword(end) == "endraw" {
                            break;
                        }
                    }
                    return Some((Piece::Text, &self.source[start..self.at]));
                }
                _ => Piece::Boundary,
            },
        };
        Some((kind, tag))
    }

    fn step(&mut self) -> Option<()> {
        let rest = self.rest();
        if Self::tera_len(rest).is_some() {
            let (kind, tag) = self.tera()?;
            match kind {
                Piece::Boundary if Self::keyword(tag).starts_with("end") => {
                    // Back to where the block began.
                    while let Some(frame) = self.stack.pop() {
                        if matches!(frame, Frame::Unknown) || self.stack.is_empty() {
                            break;
                        }
                    }
                    if self.stack.is_empty() {
                        self.stack.push(Frame::Unknown);
                    }
                    self.push(kind, tag);
                }
                Piece::Boundary => {
                    self.push(kind, tag);
                    self.stack.push(Frame::Unknown);
                }
                _ => self.push(kind, tag),
            }
            return Some(());
        }
        let bytes = rest.as_bytes();
        if is_space(bytes[0]) {
            let len = bytes
                .iter()
                .position(|&c| !is_space(c))
                .unwrap_or(bytes.len());
            self.tokens.push(Token {
                kind: Piece::Space,
                text: rest[..len].to_string(),
                parent: self.parent(),
            });
            self.at += len;
            return Some(());
        }
        if rest.starts_with("<!--") {
            let end = rest.find("-->")? + 3;
            self.at += end;
            self.push(Piece::Flow(Flow::Plain), "");
            return Some(());
        }
        if rest.starts_with("<!") {
            let end = rest.find('>')? + 1;
            self.at += end;
            self.push(Piece::Markup, &rest[..end]);
            return Some(());
        }
        if rest.starts_with("</") && bytes.get(2).is_some_and(u8::is_ascii_alphabetic) {
            return self.end_tag();
        }
        if rest.starts_with('<') && bytes.get(1).is_some_and(u8::is_ascii_alphabetic) {
            return self.start_tag();
        }
        // Text up to the next space, tag or Tera tag.
        let len = bytes
            .iter()
            .enumerate()
            .skip(1)
            .find(|&(_, &c)| is_space(c) || c == b'<' || c == b'{')
            .map_or(bytes.len(), |(i, _)| i);
        self.push(Piece::Text, &rest[..len]);
        self.at += len;
        Some(())
    }

    fn tag_name(rest: &str) -> &str {
        let end = rest
            .bytes()
            .position(|c| is_space(c) || c == b'>' || c == b'/' || c == b'{')
            .unwrap_or(rest.len());
        &rest[..end]
    }

    fn end_tag(&mut self) -> Option<()> {
        let name = Self::tag_name(&self.rest()[2..]).to_ascii_lowercase();
        let end = self.rest().find('>')? + 1;
        let text = format!("</{}>", &self.rest()[2..2 + name.len()]);
        self.at += end;
        // Close the innermost element of that name (as a browser would), if it is open.
        let open = self.stack.iter().rposition(|frame| match frame {
            Frame::Element { name: open, .. } => *open == name,
            _ => false,
        });
        let blocked = self
            .stack
            .iter()
            .rposition(|frame| !matches!(frame, Frame::Element { .. }));
        if let Some(open) = open
            && blocked.is_none_or(|b| b < open)
        {
            self.stack.truncate(open);
        }
        self.push(Piece::Close, &text);
        Some(())
    }

    fn start_tag(&mut self) -> Option<()> {
        let raw_name = Self::tag_name(&self.rest()[1..]);
        let name = raw_name.to_ascii_lowercase();
        let mut text = format!("<{raw_name}");
        self.at += 1 + raw_name.len();
        let mut self_closing = false;
        // Attributes, with Tera tags among them.
        loop {
            let rest = self.rest();
            let bytes = rest.as_bytes();
            let &c = bytes.first()?;
            if Self::tera_len(rest).is_some() {
                let (_, tag) = self.tera()?;
                text.push_str(tag);
                continue;
            }
            if is_space(c) {
                let len = bytes
                    .iter()
                    .position(|&c| !is_space(c))
                    .unwrap_or(bytes.len());
                self.at += len;
                let next = self.rest();
                if !(next.starts_with('>') || next.starts_with("/>")) {
                    text.push(' ');
                }
                continue;
            }
            if c == b'>' {
                self.at += 1;
                text.push('>');
                break;
            }
            if rest.starts_with("/>") {
                self.at += 2;
                text.push_str("/>");
                self_closing = true;
                break;
            }
            if c == b'=' {
                self.at += 1;
                text.push('=');
                self.attribute_value(&mut text)?;
                continue;
            }
            let len = bytes
                .iter()
                .position(|&c| is_space(c) || matches!(c, b'>' | b'=' | b'{' | b'/'))
                .unwrap_or(bytes.len())
                .max(1);
            text.push_str(&rest[..len]);
            self.at += len;
        }
        let (ns, pre) = match self.stack.last() {
            Some(Frame::Element { ns, pre, .. }) => (*ns, *pre),
            _ => (Namespace::Html, false),
        };
        let void = (ns == Namespace::Html && VOID_TAGS.contains(name.as_bytes()))
            || (ns == Namespace::Svg && self_closing);
        self.push(Piece::Open { void }, &text);
        if void {
            return Some(());
        }
        if ns == Namespace::Html && RAW_TEXT.contains(&name.as_str()) {
            // Kept as written up to its end tag, Tera tags and all.
            let close = format!("</{name}");
            let end = self.rest().to_ascii_lowercase().find(&close)?;
            let content = &self.rest()[..end];
            self.at += end;
            if !content.is_empty() {
                self.push(Piece::Text, content);
            }
            return self.end_tag();
        }
        let children = if name == "svg" { Namespace::Svg } else { ns };
        let pre = pre || (ns == Namespace::Html && name == "pre");
        let whitespace = get_whitespace_minification_for_tag(children, name.as_bytes(), pre);
        self.stack.push(Frame::Element {
            name,
            ns: children,
            pre,
            whitespace,
        });
        Some(())
    }

    /// An attribute value after `=`: quotes are dropped from a static value that needs none.
    fn attribute_value(&mut self, text: &mut String) -> Option<()> {
        let rest = self.rest();
        let Some(quote) = rest.chars().next().filter(|&c| c == '"' || c == '\'') else {
            // Unquoted: up to a space or the end of the tag.
            loop {
                let rest = self.rest();
                match rest.bytes().next() {
                    None => return None,
                    Some(c) if is_space(c) || c == b'>' => return Some(()),
                    Some(_) if Self::tera_len(rest).is_some() => {
                        let (_, tag) = self.tera()?;
                        text.push_str(tag);
                    }
                    Some(_) => {
                        let c = rest.chars().next()?;
                        text.push(c);
                        self.at += c.len_utf8();
                    }
                }
            }
        };
        // Static up to its closing quote?
        let body = &rest[1..];
        let close = body.find(quote);
        let tera = body.find("{{").into_iter().chain(body.find("{%")).min();
        if let Some(close) = close
            && tera.is_none_or(|t| t > close)
        {
            let value = &body[..close];
            let after = body[close + 1..].bytes().next();
            let bare = !value.is_empty()
                && !value
                    .bytes()
                    .any(|c| is_space(c) || matches!(c, b'"' | b'\'' | b'=' | b'<' | b'>' | b'`'))
                && after.is_some_and(|c| is_space(c) || c == b'>');
            if bare {
                text.push_str(value);
            } else {
                text.push_str(&rest[..close + 2]);
            }
            self.at += close + 2;
            return Some(());
        }
        // A value with Tera tags in it: kept as written up to its closing quote.
        text.push(quote);
        self.at += 1;
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return None;
            }
            if Self::tera_len(rest).is_some() {
                let (_, tag) = self.tera()?;
                text.push_str(tag);
                continue;
            }
            let c = rest.chars().next()?;
            text.push(c);
            self.at += c.len_utf8();
            if c == quote {
                return Some(());
            }
        }
    }
}

/// What stands next to a run of whitespace in the rendered page, on one path through the
/// template's `if`s and `for`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Neighbour {
    Token(Piece),
    /// The start or end of the template.
    Edge,
}

/// The `if`/`elif`/`else`/`endif` and `for`/`endfor` that belong together.
struct Structure {
    /// For each flow token: the tokens of its chain, first to last.
    chains: Vec<Option<std::rc::Rc<Vec<usize>>>>,
}

impl Structure {
    fn new(tokens: &[Token]) -> Option<Structure> {
        let mut chains = vec![None; tokens.len()];
        let mut open: Vec<Vec<usize>> = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            let Piece::Flow(flow) = token.kind else {
                continue;
            };
            match flow {
                Flow::If | Flow::For => open.push(vec![i]),
                Flow::Elif | Flow::Else => {
                    let chain = open.last_mut()?;
                    // `for ... else` writes its `else` when the loop is empty.
                    chain.push(i);
                }
                Flow::EndIf | Flow::EndFor => {
                    let mut chain = open.pop()?;
                    let first = tokens[chain[0]].kind;
                    let matches = (flow == Flow::EndIf && first == Piece::Flow(Flow::If))
                        || (flow == Flow::EndFor && first == Piece::Flow(Flow::For));
                    if !matches {
                        return None;
                    }
                    chain.push(i);
                    let chain = std::rc::Rc::new(chain);
                    for &j in chain.iter() {
                        chains[j] = Some(chain.clone());
                    }
                }
                Flow::Plain => {}
            }
        }
        open.is_empty().then_some(Structure { chains })
    }

    fn chain(&self, i: usize) -> &[usize] {
        self.chains[i].as_deref().map_or(&[], |c| c.as_slice())
    }

    /// Everything that can come right after token `i`, looking past whitespace and flow.
    fn after(&self, tokens: &[Token], i: usize) -> Vec<Neighbour> {
        self.walk(tokens, Step::Forward(i + 1))
    }

    /// Everything that can come right before token `i`.
    fn before(&self, tokens: &[Token], i: usize) -> Vec<Neighbour> {
        self.walk(tokens, Step::Backward(i as isize - 1))
    }

    fn walk(&self, tokens: &[Token], start: Step) -> Vec<Neighbour> {
        let mut found = Vec::new();
        let mut todo = vec![start];
        let mut seen = HashSet::new();
        while let Some(step) = todo.pop() {
            if !seen.insert(step) {
                continue;
            }
            match step {
                Step::Forward(i) => {
                    let Some(token) = tokens.get(i) else {
                        found.push(Neighbour::Edge);
                        continue;
                    };
                    let chain = self.chain(i);
                    match token.kind {
                        Piece::Space | Piece::Flow(Flow::Plain) => todo.push(Step::Forward(i + 1)),
                        // A condition: its branch, or the next one.
                        Piece::Flow(Flow::If) => {
                            todo.push(Step::Forward(i + 1));
                            todo.push(Step::Enter(chain[1]));
                        }
                        // The end of a branch taken: on after the chain (or, for the body of
                        // a `for ... else`, round the loop again).
                        Piece::Flow(Flow::Elif | Flow::Else) => {
                            todo.push(Step::Forward(chain[chain.len() - 1] + 1));
                            if tokens[chain[0]].kind == Piece::Flow(Flow::For) {
                                todo.push(Step::Forward(chain[0] + 1));
                            }
                        }
                        Piece::Flow(Flow::EndIf) => todo.push(Step::Forward(i + 1)),
                        // Into the body, or past an empty loop; after the body, again or out.
                        Piece::Flow(Flow::For) | Piece::Flow(Flow::EndFor) => {
                            todo.push(Step::Forward(chain[0] + 1));
                            todo.push(Step::Enter(chain[1]));
                        }
                        kind => found.push(Neighbour::Token(kind)),
                    }
                }
                Step::Enter(marker) => {
                    let chain = self.chain(marker);
                    match tokens[marker].kind {
                        Piece::Flow(Flow::Elif) => {
                            todo.push(Step::Forward(marker + 1));
                            let k = chain.iter().position(|&j| j == marker).unwrap_or(0);
                            if let Some(&next) = chain.get(k + 1) {
                                todo.push(Step::Enter(next));
                            }
                        }
                        Piece::Flow(Flow::Else) => todo.push(Step::Forward(marker + 1)),
                        _ => todo.push(Step::Forward(chain[chain.len() - 1] + 1)),
                    }
                }
                Step::Backward(i) => {
                    if i < 0 {
                        found.push(Neighbour::Edge);
                        continue;
                    }
                    let i = i as usize;
                    let token = &tokens[i];
                    let chain = self.chain(i);
                    match token.kind {
                        Piece::Space | Piece::Flow(Flow::Plain) => {
                            todo.push(Step::Backward(i as isize - 1))
                        }
                        // The start of a branch: what came before the chain.
                        Piece::Flow(Flow::If | Flow::Elif | Flow::Else) => {
                            todo.push(Step::Backward(chain[0] as isize - 1))
                        }
                        // After a chain: the end of any branch, or before it when none ran.
                        Piece::Flow(Flow::EndIf) => {
                            for &marker in &chain[1..] {
                                todo.push(Step::Backward(marker as isize - 1));
                            }
                            let has_else = chain
                                .iter()
                                .any(|&j| tokens[j].kind == Piece::Flow(Flow::Else));
                            if !has_else {
                                todo.push(Step::Backward(chain[0] as isize - 1));
                            }
                        }
                        // Loop edges: the body's end, or what came before the loop.
                        Piece::Flow(Flow::For | Flow::EndFor) => {
                            for &marker in &chain[1..] {
                                todo.push(Step::Backward(marker as isize - 1));
                            }
                            todo.push(Step::Backward(chain[0] as isize - 1));
                        }
                        kind => found.push(Neighbour::Token(kind)),
                    }
                }
            }
        }
        found
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Step {
    Forward(usize),
    Backward(isize),
    /// A branch marker reached because the condition before it was false.
    Enter(usize),
}

/// Writes the template out, deciding each run of whitespace by minify-html's rules for its
/// parent element: a whole run between tags disappears where the parent drops such runs, the
/// first and last run inside a trimming parent disappear, and any other run becomes one space.
fn decide(tokens: &[Token]) -> Option<String> {
    let structure = Structure::new(tokens)?;
    let mut out = String::with_capacity(tokens.iter().map(|t| t.text.len()).sum());
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != Piece::Space {
            out.push_str(&token.text);
            continue;
        }
        let (rules, root) = match token.parent {
            Parent::Known { rules, root } if rules.collapse => (rules, root),
            _ => {
                out.push_str(&token.text);
                continue;
            }
        };
        let before = structure.before(tokens, i);
        let after = structure.after(tokens, i);
        let markup = |n: &Neighbour| {
            matches!(
                n,
                Neighbour::Token(Piece::Open { .. } | Piece::Close | Piece::Markup)
            )
        };
        let drop = before.iter().all(|l| {
            after.iter().all(|r| {
                let first = matches!(l, Neighbour::Token(Piece::Open { void: false }))
                    || (root && *l == Neighbour::Edge);
                let last =
                    matches!(r, Neighbour::Token(Piece::Close)) || (root && *r == Neighbour::Edge);
                (rules.trim && (first || last)) || (rules.destroy_whole && markup(l) && markup(r))
            })
        });
        if !drop {
            out.push(' ');
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::html_template;

    #[test]
    fn whitespace_between_blocks_goes_and_inline_whitespace_stays() {
        assert_eq!(
            html_template(
                "<!DOCTYPE html>\n<html>\n<body>\n<ul>\n  <li><a href=\"x\">a</a>\n<a href=\"y\">b</a></li>\n</ul>\n<p>\n  one\n  two\n</p>\n</body>\n</html>\n"
            ),
            "<!DOCTYPE html><html><body><ul><li><a href=x>a</a> <a href=y>b</a></li></ul><p>one two</p></body></html>"
        );
    }

    #[test]
    fn tera_tags_and_dynamic_values_are_kept() {
        let source = "{% extends \"base.html\" %}\n{% block content %}\n<table>\n{% for t in ts %}<tr class=\"{% if t.x %}a b{% endif %}\"><td>{{ t.id }}\n{{ t.name }}</td></tr>\n{% endfor %}\n</table>\n{% endblock content %}\n";
        assert_eq!(
            html_template(source),
            "{% extends \"base.html\" %}\n{% block content %}\n<table>{% for t in ts %}<tr class=\"{% if t.x %}a b{% endif %}\"><td>{{ t.id }} {{ t.name }}</td></tr>{% endfor %}</table>\n{% endblock content %}\n"
        );
    }

    #[test]
    fn a_branch_that_may_put_text_next_to_the_space_keeps_it() {
        let source = "<!DOCTYPE html><div><span>a</span>\n{% if x %}<span>b</span>{% else %}c{% endif %}</div>";
        assert_eq!(
            html_template(source),
            "<!DOCTYPE html><div><span>a</span> {% if x %}<span>b</span>{% else %}c{% endif %}</div>"
        );
    }

    #[test]
    fn raw_text_preformatted_text_and_odd_templates_stay_as_written() {
        let source = "<!DOCTYPE html><pre>\n  a\n   b</pre><script>\n if (a < b) {}\n</script><style>\np { x: y }\n</style>";
        assert_eq!(html_template(source), source);
        for odd in [
            "<p>{{ unclosed",
            "<p class=\"x",
            "{% if x %}<p>",
            "<a href={{ x }}>",
        ] {
            assert!(!html_template(odd).is_empty());
        }
        assert_eq!(html_template("{% if x %}\n<p>"), "{% if x %}\n<p>");
    }

    #[test]
    fn quotes_go_only_where_the_value_needs_none() {
        assert_eq!(
            html_template("<!DOCTYPE html><a href=\"../\" title=\"a b\" data-x=\"\" class=\"c\"/>"),
            "<!DOCTYPE html><a href=../ title=\"a b\" data-x=\"\" class=\"c\"/>"
        );
    }
}
