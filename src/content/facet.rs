//! The ways case studies are grouped: facets narrow the case-study list, browse sections
//! gather everything tagged with a board, topic or component.

/// The ways the case-study list can be narrowed, each with static pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// The NHS board.
    Board,
    /// One of the six zones.
    Zone,
    /// One of the twelve components of cluster working.
    Component,
    /// A QI topic.
    Topic,
    /// The year published.
    Year,
}

impl Facet {
    /// Every facet, in the order the list page shows them.
    pub const ALL: [Facet; 5] = [
        Facet::Board,
        Facet::Zone,
        Facet::Component,
        Facet::Topic,
        Facet::Year,
    ];

    /// Its key in paths and data files.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Board => "board",
            Facet::Zone => "zone",
            Facet::Component => "component",
            Facet::Topic => "topic",
            Facet::Year => "year",
        }
    }

    /// Its name on the page.
    pub fn label(self) -> &'static str {
        match self {
            Facet::Board => "Board",
            Facet::Zone => "Zone",
            Facet::Component => "Component",
            Facet::Topic => "Topic",
            Facet::Year => "Year",
        }
    }
}

/// Browse sections: everything tagged with a board, topic or component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Browse {
    /// Per NHS board.
    Board,
    /// Per QI topic.
    Topic,
    /// Per component of cluster working.
    Component,
}

impl Browse {
    /// Every browse section.
    pub const ALL: [Browse; 3] = [Browse::Board, Browse::Topic, Browse::Component];

    /// Its top-level folder.
    pub fn dir(self) -> &'static str {
        match self {
            Browse::Board => "boards",
            Browse::Topic => "topics",
            Browse::Component => "components",
        }
    }

    /// Its heading.
    pub fn title(self) -> &'static str {
        match self {
            Browse::Board => "Boards",
            Browse::Topic => "Topics",
            Browse::Component => "Components of cluster working",
        }
    }

    /// The facet whose values it browses.
    pub fn facet(self) -> Facet {
        match self {
            Browse::Board => Facet::Board,
            Browse::Topic => Facet::Topic,
            Browse::Component => Facet::Component,
        }
    }
}
