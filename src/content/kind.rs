//! The one list of what the hub holds: every kind of item, with the name it goes by in data
//! files (`key`) and on the page (`label`). The inventory, the search documents and the
//! pages all spell a kind through this enum.

/// A kind of item: a content file, or an entry inside one that search finds on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `zones/<zone>.md`.
    Zone,
    /// An entry of a zone's `resources:` list.
    Resource,
    /// `case-studies/<slug>.md`.
    CaseStudy,
    /// `induction/<pack>/index.md`.
    Pack,
    /// `induction/<pack>/NN-<slug>.md`.
    PackSection,
    /// `baskets/<slug>.md`.
    Basket,
    /// An entry of a basket's `topics:` list.
    BasketTopic,
    /// `roadmaps/<slug>.md`.
    Roadmap,
    /// An entry of a roadmap's `components:` list.
    RoadmapComponent,
    /// `pages/<slug>.md`.
    Page,
}

impl Kind {
    /// The kinds search indexes, in the order its filter lists them.
    pub const SEARCHED: [Kind; 7] = [
        Kind::CaseStudy,
        Kind::Zone,
        Kind::Resource,
        Kind::PackSection,
        Kind::BasketTopic,
        Kind::RoadmapComponent,
        Kind::Page,
    ];

    /// The kinds that are files of `content/`, in the order help texts list their folders.
    /// Each is one `<folder>/<slug>.md` per item, but a pack, which is a folder of files
    /// (`induction/<pack>/index.md` and its sections).
    pub(crate) const FILES: [Kind; 6] = [
        Kind::Zone,
        Kind::CaseStudy,
        Kind::Pack,
        Kind::Basket,
        Kind::Roadmap,
        Kind::Page,
    ];

    /// The folder of `content/` holding the file it is written in (an entry's is its
    /// parent's). The loader, `ithub new` and the help texts take folder names from here.
    pub(crate) const fn folder(self) -> &'static str {
        match self {
            Kind::Zone | Kind::Resource => "zones",
            Kind::CaseStudy => "case-studies",
            Kind::Pack | Kind::PackSection => "induction",
            Kind::Basket | Kind::BasketTopic => "baskets",
            Kind::Roadmap | Kind::RoadmapComponent => "roadmaps",
            Kind::Page => "pages",
        }
    }

    /// Its name in data files, search filters and the inventory.
    pub const fn key(self) -> &'static str {
        match self {
            Kind::Zone => "zone",
            Kind::Resource => "resource",
            Kind::CaseStudy => "case-study",
            Kind::Pack => "pack",
            Kind::PackSection => "pack-section",
            Kind::Basket => "basket",
            Kind::BasketTopic => "basket-topic",
            Kind::Roadmap => "roadmap",
            Kind::RoadmapComponent => "roadmap-component",
            Kind::Page => "page",
        }
    }

    /// Its name on the page.
    pub const fn label(self) -> &'static str {
        match self {
            Kind::Zone => "Zone",
            Kind::Resource => "Resource",
            Kind::CaseStudy => "Case study",
            Kind::Pack => "Induction pack",
            Kind::PackSection => "Induction pack section",
            Kind::Basket => "Topic basket",
            Kind::BasketTopic => "Basket topic",
            Kind::Roadmap => "Roadmap",
            Kind::RoadmapComponent => "Roadmap component",
            Kind::Page => "Page",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn keys_are_distinct_and_url_safe() {
        let all = [
            Kind::Zone,
            Kind::Resource,
            Kind::CaseStudy,
            Kind::Pack,
            Kind::PackSection,
            Kind::Basket,
            Kind::BasketTopic,
            Kind::Roadmap,
            Kind::RoadmapComponent,
            Kind::Page,
        ];
        for (i, k) in all.iter().enumerate() {
            assert!(k.key().bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
            assert!(all[..i].iter().all(|o| o.key() != k.key()));
        }
    }
}
