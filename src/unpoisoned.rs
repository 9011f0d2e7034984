//! Taking a lock whose holder panicked. Every lock in ithub guards data that stays
//! consistent between statements (a map insert, a vector push), so a panic elsewhere leaves
//! nothing half-written: the build carries on and reports the panic, not a second one.

use std::sync::PoisonError;

/// The guard (or value) of a lock, poisoned or not.
pub trait Unpoisoned<T> {
    /// The guard or value, recovered from the poison if another thread panicked holding it.
    fn unpoisoned(self) -> T;
}

impl<T> Unpoisoned<T> for Result<T, PoisonError<T>> {
    fn unpoisoned(self) -> T {
        self.unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::Unpoisoned;
    use std::sync::{Arc, Mutex, RwLock};

    #[test]
    fn a_lock_poisoned_by_a_panic_still_gives_its_data() {
        let m = Arc::new(Mutex::new(vec![1]));
        let r = Arc::new(RwLock::new(1));
        let (m2, r2) = (m.clone(), r.clone());
        let _ = std::thread::spawn(move || {
            let _g = m2.lock().unpoisoned();
            let _w = r2.write().unpoisoned();
            panic!("poison both");
        })
        .join();
        assert!(m.is_poisoned() && r.is_poisoned());
        m.lock().unpoisoned().push(2);
        *r.write().unpoisoned() += 1;
        assert_eq!(*r.read().unpoisoned(), 2);
        let m = Arc::try_unwrap(m).unwrap();
        assert_eq!(m.into_inner().unpoisoned(), vec![1, 2]);
    }
}
