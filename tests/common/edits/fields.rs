//! The table of front-matter fields the random edits change: a row per field of every content
//! kind and of `hub.yaml`, with edits that keep the hub valid and edits that break it.

use super::Kind::{self, *};

/// One edit: fields set together, each a dotted path from the front matter's root (`*` is a
/// random element of a list, the same one throughout the edit) and a value: YAML, `DELETE`
/// (drop the key), `POP` (drop a random element of the list), or `+YAML` (append to the list).
/// `{n}` in a value becomes the step number. The path `(body)` appends the value to the body.
pub type Op = &'static [(&'static str, &'static str)];

/// A front-matter field of one kind, with edits that keep the hub valid and edits that break it.
#[derive(Clone, Copy)]
pub struct Field {
    pub kind: Kind,
    pub path: &'static str,
    pub good: &'static [Op],
    pub bad: &'static [Op],
}

const fn f(kind: Kind, path: &'static str, good: &'static [Op], bad: &'static [Op]) -> Field {
    Field {
        kind,
        path,
        good,
        bad,
    }
}

/// Text fields: a new value is valid; a list is not text.
macro_rules! text {
    ($kind:expr, $path:literal) => {
        f(
            $kind,
            $path,
            &[&[($path, "Step {n} text")]],
            &[&[($path, "[not, text]")]],
        )
    };
}
/// Optional text fields can also be dropped.
macro_rules! opt_text {
    ($kind:expr, $path:literal) => {
        f(
            $kind,
            $path,
            &[&[($path, "Step {n} text")], &[($path, "DELETE")]],
            &[&[($path, "{a: map}")]],
        )
    };
}
/// The fields every item may carry.
macro_rules! common {
    ($kind:expr) => {
        [
            opt_text!($kind, "owner"),
            f(
                $kind,
                "updated",
                &[&[("updated", "2024-0{n}-01")], &[("updated", "DELETE")]],
                &[&[("updated", "2023-02-30")]],
            ),
            f(
                $kind,
                "review_by",
                &[
                    &[("review_by", "2031-01-01")],
                    &[("review_by", "2020-06-01")],
                    &[("review_by", "DELETE")],
                ],
                &[&[("review_by", "01/06/2030")]],
            ),
            f(
                $kind,
                "sources",
                &[&[("sources", "[guide]")], &[("sources", "[]")]],
                &[&[("sources", "[nowhere]")]],
            ),
        ]
    };
}

const LONG: &str = "This summary runs on and on, well past the three hundred characters a summary may have, because an author pasted a whole paragraph into it: the cluster met monthly, looked at its data, agreed a mission, chose prescribing safety and frailty, tested small changes, measured what happened, and shared what it learned with the board's other clusters.";

/// Every front-matter field of every kind, with its edits: one row a line, as a table.
#[rustfmt::skip]
pub const FIELDS: &[Field] = &[
    text!(CaseStudy, "title"),
    f(CaseStudy, "summary", &[&[("summary", "Step {n} summary.")]], &[&[("summary", LONG)]]),
    text!(CaseStudy, "cluster"),
    f(CaseStudy, "board", &[&[("board", "fife"), ("hscp", "DELETE")], &[("board", "lothian"), ("hscp", "west-lothian")]], &[&[("board", "nowhere")]]),
    f(CaseStudy, "hscp", &[&[("board", "tayside"), ("hscp", "angus")], &[("hscp", "DELETE")]], &[&[("hscp", "west-lothian")], &[("hscp", "angus")], &[("hscp", "nowhere")]]),
    f(CaseStudy, "zones", &[&[("zones", "[data]")], &[("zones", "[leadership, facilitation]")]], &[&[("zones", "[nowhere]")], &[("zones", "[]")]]),
    f(CaseStudy, "components", &[&[("components", "[data]")], &[("components", "[vision-purpose, learning-system]")]], &[&[("components", "[nowhere]")], &[("components", "[]")]]),
    f(CaseStudy, "topics", &[&[("topics", "[frailty]")], &[("topics", "[]")], &[("topics", "[diabetes, frailty]")]], &[&[("topics", "[nowhere]")], &[("topics", "[diabetes, diabetes]")]]),
    f(CaseStudy, "published", &[&[("published", "20{n}-03-01")]], &[&[("published", "2023-02-30")], &[("published", "DELETE")]]),
    f(CaseStudy, "outcomes", &[&[("outcomes", "+{measure: Step {n} measure, kind: change, before: 1, after: 2.5, unit: visits, period: 2020-21, measured_by: the cluster}")], &[("outcomes", "+{measure: Step {n} reach, kind: reach, value: 7, period: 2022, measured_by: not given in the source}")], &[("outcomes", "POP")]], &[&[("outcomes", "+{measure: Waits, kind: change, before: lots}")], &[("outcomes", "+{kind: change, before: 3}")], &[("outcomes", "+{measure: Once, kind: single, before: 1, after: 2}")]]),
    // A change needs before and after; the other kinds a single value and neither.
    f(CaseStudy, "outcomes.*.kind", &[&[("outcomes.*.kind", "reach"), ("outcomes.*.value", "{n}"), ("outcomes.*.before", "DELETE"), ("outcomes.*.after", "DELETE")], &[("outcomes.*.kind", "change"), ("outcomes.*.before", "1"), ("outcomes.*.after", "{n}"), ("outcomes.*.value", "DELETE")]], &[&[("outcomes.*.kind", "growth")], &[("outcomes.*.kind", "DELETE")]]),
    f(CaseStudy, "outcomes.*.value", &[&[("outcomes.*.value", "{n}")]], &[&[("outcomes.*.value", "many")]]),
    opt_text!(CaseStudy, "outcomes.*.measured_by"),
    text!(CaseStudy, "outcomes.*.measure"),
    f(CaseStudy, "outcomes.*.before", &[&[("outcomes.*.before", "{n}")], &[("outcomes.*.before", "DELETE")]], &[&[("outcomes.*.before", "forty")]]),
    f(CaseStudy, "outcomes.*.after", &[&[("outcomes.*.after", "0.{n}")], &[("outcomes.*.after", "DELETE")]], &[&[("outcomes.*.after", "[1, 2]")]]),
    opt_text!(CaseStudy, "outcomes.*.unit"),
    f(CaseStudy, "outcomes.*.period", &[&[("outcomes.*.period", "20{n}")], &[("outcomes.*.period", "2019-20")], &[("outcomes.*.period", "DELETE")]], &[&[("outcomes.*.period", "[2019]")]]),
    f(CaseStudy, "contact", &[&[("contact", "Jo Bloggs, jo{n}@example.org, 01234 567890")], &[("contact", "DELETE")]], &[&[("(body)", "Email jo@example.org or call 01234 567890.")]]),
    f(CaseStudy, "draft", &[&[("draft", "true")], &[("draft", "false")], &[("draft", "DELETE")]], &[&[("draft", "maybe")]]),
    common!(CaseStudy)[0],
    common!(CaseStudy)[1],
    common!(CaseStudy)[2],
    common!(CaseStudy)[3],
    text!(Zone, "title"),
    f(Zone, "summary", &[&[("summary", "Step {n} zone summary.")]], &[&[("summary", LONG)]]),
    f(Zone, "order", &[&[("order", "{n}")], &[("order", "DELETE")]], &[&[("order", "first")]]),
    f(Zone, "resources", &[&[("resources", "+{title: Step {n} toolkit, kind: toolkit, provider: HIS, url: https://example.com/{n}, summary: A toolkit.}")], &[("resources", "POP")]], &[&[("resources", "+{kind: guide}")]]),
    text!(Zone, "resources.*.title"),
    f(Zone, "resources.*.kind", &[&[("resources.*.kind", "webinar")], &[("resources.*.kind", "dataset")]], &[&[("resources.*.kind", "podcast")]]),
    opt_text!(Zone, "resources.*.provider"),
    f(Zone, "resources.*.url", &[&[("resources.*.url", "https://example.org/step-{n}")], &[("resources.*.url", "DELETE")]], &[&[("resources.*.url", "[no]")]]),
    opt_text!(Zone, "resources.*.summary"),
    common!(Zone)[0],
    common!(Zone)[1],
    common!(Zone)[2],
    common!(Zone)[3],
    text!(Pack, "title"),
    f(Pack, "role", &[&[("role", "pql")]], &[&[("role", "nowhere")]]),
    text!(Pack, "summary"),
    common!(Pack)[0],
    common!(Pack)[1],
    common!(Pack)[2],
    common!(Pack)[3],
    text!(Section, "title"),
    opt_text!(Section, "summary"),
    f(Section, "checklist", &[&[("checklist", "+Step {n} task")], &[("checklist", "POP")]], &[&[("checklist", "+[nested]")]]),
    f(Section, "zones", &[&[("zones", "[data, leadership]")], &[("zones", "[]")]], &[&[("zones", "[nowhere]")]]),
    common!(Section)[0],
    common!(Section)[1],
    common!(Section)[2],
    common!(Section)[3],
    text!(Basket, "title"),
    f(Basket, "period", &[&[("period", "20{n} onwards")], &[("period", "2024")]], &[&[("period", "[2024]")]]),
    text!(Basket, "summary"),
    f(Basket, "topics", &[&[("topics", "+{topic: frailty, aim: Step {n} aim., why: Often., measures: [Falls], change_ideas: [Review], zones: [leadership]}")], &[("topics", "POP")]], &[&[("topics", "+{topic: diabetes, aim: Twice.}")], &[("topics", "+{topic: nowhere, aim: None.}")]]),
    f(Basket, "topics.*.topic", &[&[("topics.*.topic", "frailty")]], &[&[("topics.*.topic", "nowhere")]]),
    text!(Basket, "topics.*.aim"),
    opt_text!(Basket, "topics.*.why"),
    f(Basket, "topics.*.measures", &[&[("topics.*.measures", "+Step {n} measure")], &[("topics.*.measures", "[]")]], &[&[("topics.*.measures", "{a: b}")]]),
    f(Basket, "topics.*.change_ideas", &[&[("topics.*.change_ideas", "+Step {n} idea")], &[("topics.*.change_ideas", "[]")]], &[&[("topics.*.change_ideas", "+[x]")]]),
    f(Basket, "topics.*.zones", &[&[("topics.*.zones", "[facilitation]")], &[("topics.*.zones", "[]")]], &[&[("topics.*.zones", "[nowhere]")]]),
    f(Basket, "topics.*.resources", &[&[("topics.*.resources", "+{title: Step {n} course, kind: course}")], &[("topics.*.resources", "POP")]], &[&[("topics.*.resources", "+{title: No kind}")]]),
    text!(Basket, "topics.*.resources.*.title"),
    f(Basket, "topics.*.resources.*.kind", &[&[("topics.*.resources.*.kind", "event")]], &[&[("topics.*.resources.*.kind", "podcast")]]),
    opt_text!(Basket, "topics.*.resources.*.provider"),
    f(Basket, "topics.*.resources.*.url", &[&[("topics.*.resources.*.url", "https://example.org/b{n}")], &[("topics.*.resources.*.url", "DELETE")]], &[&[("topics.*.resources.*.url", "{a: b}")]]),
    opt_text!(Basket, "topics.*.resources.*.summary"),
    common!(Basket)[0],
    common!(Basket)[1],
    common!(Basket)[2],
    common!(Basket)[3],
    text!(Roadmap, "title"),
    text!(Roadmap, "summary"),
    f(Roadmap, "stages", &[&[("stages", "[{key: starting, name: Starting}, {key: established, name: Established}]")]], &[&[("stages", "+{key: step-{n}, name: Extra}")], &[("stages", "POP")]]),
    f(Roadmap, "stages.*.key", &[&[("stages", "[{key: begin-{n}, name: Beginning}, {key: later, name: Later}]")]], &[&[("stages.*.key", "[k]")]]),
    text!(Roadmap, "stages.*.name"),
    opt_text!(Roadmap, "stages.*.description"),
    f(Roadmap, "components", &[&[("components", "POP")]], &[&[("components", "+{component: data, descriptors: [Twice., Again.]}")]]),
    f(Roadmap, "components.*.component", &[&[("components.*.component", "data")]], &[&[("components.*.component", "nowhere")]]),
    f(Roadmap, "components.*.descriptors", &[&[("components.*.descriptors", "[Step {n} a., Step {n} b.]")]], &[&[("components.*.descriptors", "[Only one.]")]]),
    f(Roadmap, "components.*.questions", &[&[("components.*.questions", "+Step {n} question?")], &[("components.*.questions", "[]")]], &[&[("components.*.questions", "+{a: b}")]]),
    common!(Roadmap)[0],
    common!(Roadmap)[1],
    common!(Roadmap)[2],
    common!(Roadmap)[3],
    text!(Page, "title"),
    opt_text!(Page, "summary"),
    common!(Page)[0],
    common!(Page)[1],
    common!(Page)[2],
    common!(Page)[3],
    text!(Hub, "title"),
    opt_text!(Hub, "description"),
    f(Hub, "base_url", &[&[("base_url", "https://example.org/hub{n}/")]], &[&[("base_url", "DELETE")]]),
    f(Hub, "language", &[&[("language", "en")], &[("language", "DELETE")]], &[&[("language", "[en]")]]),
    f(Hub, "repository", &[&[("repository", "https://github.com/example/hub{n}")], &[("repository", "DELETE")]], &[&[("repository", "javascript:alert(1)")]]),
    f(Hub, "branch", &[&[("branch", "trunk")], &[("branch", "DELETE")]], &[&[("branch", "{a: b}")]]),
    f(Hub, "theme", &[&[("theme", "default")], &[("theme", "DELETE")]], &[&[("theme", "nowhere")]]),
    f(Hub, "sources", &[&[("sources", "+{key: s{n}, title: Source {n}}")]], &[&[("sources", "+{key: guide, title: Twice}")]]),
    f(Hub, "sources.*.key", &[], &[&[("sources.*.key", "renamed")]]),
    text!(Hub, "sources.*.title"),
    opt_text!(Hub, "sources.*.publisher"),
    f(Hub, "sources.*.date", &[&[("sources.*.date", "20{n}")], &[("sources.*.date", "March 2022")]], &[&[("sources.*.date", "[x]")]]),
    opt_text!(Hub, "sources.*.licence"),
    f(Hub, "sources.*.url", &[&[("sources.*.url", "https://example.org/s{n}")], &[("sources.*.url", "DELETE")]], &[&[("sources.*.url", "[x]")]]),
    f(Hub, "boards", &[&[("boards", "+{key: b{n}, name: NHS Board {n}}")]], &[&[("boards", "+{key: fife, name: NHS Fife again}")]]),
    f(Hub, "boards.*.key", &[], &[&[("boards.*.key", "renamed")]]),
    text!(Hub, "boards.*.name"),
    opt_text!(Hub, "boards.*.description"),
    f(Hub, "hscps", &[&[("hscps", "+{key: h{n}, name: HSCP {n}, board: fife}")]], &[&[("hscps", "+{key: angus, name: Angus again, board: tayside}")]]),
    f(Hub, "hscps.*.key", &[], &[&[("hscps.*.key", "renamed")]]),
    text!(Hub, "hscps.*.name"),
    f(Hub, "hscps.*.board", &[], &[&[("hscps.*.board", "fife")], &[("hscps.*.board", "nowhere")]]),
    f(Hub, "components", &[&[("components", "+{key: c{n}, name: Component {n}, group: priorities}")]], &[&[("components", "+{key: data, name: Data again, group: core}")]]),
    f(Hub, "components.*.key", &[], &[&[("components.*.key", "renamed")]]),
    text!(Hub, "components.*.name"),
    f(Hub, "components.*.group", &[&[("components.*.group", "priorities")]], &[&[("components.*.group", "other")]]),
    opt_text!(Hub, "components.*.description"),
    f(Hub, "topics", &[&[("topics", "+{key: topic-{n}, name: Topic {n}}")]], &[&[("topics", "+{key: diabetes, name: Diabetes again}")]]),
    f(Hub, "topics.*.key", &[], &[&[("topics.*.key", "renamed")]]),
    text!(Hub, "topics.*.name"),
    opt_text!(Hub, "topics.*.description"),
    f(Hub, "roles", &[&[("roles", "+{key: r{n}, name: Role {n}}")]], &[&[("roles", "[]")]]),
    f(Hub, "roles.*.key", &[], &[&[("roles.*.key", "renamed")]]),
    text!(Hub, "roles.*.name"),
    opt_text!(Hub, "roles.*.description"),
    f(Hub, "search", &[&[("search", "{synonyms: [[gp, general practice]]}")], &[("search", "DELETE")]], &[&[("search", "{synonym: []}")]]),
    f(Hub, "search.synonyms", &[&[("search.synonyms", "+[zq{n}, frailty review]")], &[("search.synonyms", "[]")]], &[&[("search.synonyms", "+[lonely]")], &[("search.synonyms", "+[cql, x{n}]")]]),
];
