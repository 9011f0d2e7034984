//! The text of a new case study and a new page.

use super::notes::{fill, in_two_years, lines, listing, quoted, Vocab, HEADER};
use crate::check::placeholders::MARKER;
use chrono::NaiveDate;

pub(super) fn case_study(title: &str, v: &Vocab, today: NaiveDate) -> String {
    let mut s = String::from("---\n");
    s.push_str(HEADER);
    s.push_str(&format!(
        "title: {}   # what the cluster did, in plain words\n",
        quoted(title)
    ));
    s.push_str(&format!(
        "summary: {}\ncluster: {}\n",
        fill(
            "one or two plain sentences, at most 300 characters; shown in lists and search results"
        ),
        fill("the cluster's name, as it calls itself")
    ));
    s.push_str("# board: your NHS board, one of:\n");
    s.push_str(&listing("", &v.boards));
    s.push_str("board: choose-a-board\n");
    s.push_str(
        "# hscp (optional): the health and social care partnership; it must be in your board:\n",
    );
    s.push_str(&lines("", &v.hscps_by_board));
    s.push_str("# hscp: choose-an-hscp\n");
    s.push_str(&format!("# zones: one or more of: {}\n", v.zones));
    s.push_str("zones: [case-studies]\n");
    s.push_str("# components: one or more parts of cluster working this shows:\n");
    s.push_str(&listing("", &v.components));
    s.push_str("components: [choose-a-component]\n");
    s.push_str("# topics (optional): the clinical or service areas:\n");
    s.push_str(&listing("", &v.topics));
    s.push_str("# topics: [choose-a-topic]\n");
    s.push_str(&format!(
        "published: {today}   # when it was first published, YYYY-MM-DD\n"
    ));
    s.push_str("# updated: YYYY-MM-DD   # optional: when it last changed in a way readers should know about\n");
    s.push_str(&format!(
        "review_by: {}   # when someone should check it is still right\n",
        in_two_years(today)
    ));
    s.push_str(&format!(
        "owner: {}\n",
        fill("the team that keeps this up to date, e.g. NHS Lothian primary care team")
    ));
    s.push_str(
        "# outcomes (optional): only figures the cluster or a published source gives, each with a kind:
#   change = the same measure before and after (before + after); baseline = a starting point
#   measured once; single = one result measured once; reach = how many the work reached.
#   baseline, single and reach take `value`, never before/after.
# outcomes:
#   - measure: Patients on high-risk medicines with up-to-date monitoring
#     kind: change
#     before: 40        # a number
#     after: 85         # a number
#     unit: per cent    # optional
#     period: 2020 to 2021                  # when it was measured
#     measured_by: the cluster's practices  # by whom, or \"not given in the source\"
#   - measure: Practices running their own QI project
#     kind: reach
#     value: 95
#     unit: practices
#     period: each year since 2018
#     measured_by: not given in the source
# contact (optional): how readers can get in touch; the only field that may hold an email
# address or phone number
# contact: the team's name and address
# draft: true   # optional: keeps it off the site until it is ready
# sources (optional): documents it draws on, credited at the foot of the page:
",
    );
    s.push_str(&listing("", &v.sources));
    s.push_str("# sources: [choose-a-source]\n---\n");
    s.push_str(&format!(
        "## What they did\n\n{MARKER}: what the cluster did, and why.\n\n## What happened\n\n{MARKER}: what changed. Only give figures the cluster or a published source gives.\n\n## What they learned\n\n{MARKER}: what worked, what did not, and what they would do differently.\n"
    ));
    s
}

pub(super) fn page(title: &str, today: NaiveDate) -> String {
    format!(
        "---\n{HEADER}title: {}\nsummary: {}   # optional\nowner: {}\nreview_by: {}   # when someone should check it is still right\n---\n{MARKER}: the page's text. Use `##` headings to break it up.\n",
        quoted(title),
        fill("one sentence on what the page is for"),
        fill("the team that keeps this up to date"),
        in_two_years(today)
    )
}
