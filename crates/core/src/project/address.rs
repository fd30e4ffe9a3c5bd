//! Data addresses from a link (`?geo=`, `?table=`, `?data=`, `?points=`): which may be fetched
//! at once and which only after the user agreed.
//!
//! A link can name any address, so a stranger's link could make the page fetch from the
//! user's intranet or show an attacker's map as the town's. Rule: an address on the page's own
//! origin (a relative address such as `daten/karte.geojson`, or the same scheme, host and port)
//! loads as before; any other origin, and every `data:` address, is asked for first, naming the
//! host; hosts in private networks (RFC 1918, loopback, link-local, `.local`, single-label
//! intranet names) are named as such.

/// What an address is, seen from a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    /// On the page's own origin: loads at once.
    SameOrigin,
    /// On another origin: ask first.
    Foreign {
        /// The host (with port when given).
        host: String,
        /// The host lies in a private network (intranet, router, this computer).
        private: bool,
    },
    /// A `data:` address (the data sits in the link itself): ask first.
    Data,
    /// Not an address the app fetches (another scheme such as `file:` or `javascript:`).
    Refused {
        /// The scheme.
        scheme: String,
    },
}

impl Address {
    /// True when the address may be fetched without asking.
    pub fn loads_at_once(&self) -> bool {
        *self == Address::SameOrigin
    }

    /// The question to ask (or why it is refused).
    pub fn question(&self, lang: crate::locale::Lang) -> String {
        use crate::locale::Lang::*;
        match (self, lang) {
            (Address::SameOrigin, De) => "Daten von dieser Seite laden?".into(),
            (Address::SameOrigin, En) => "Load data from this site?".into(),
            (Address::Foreign { host, private: false }, De) => format!("Daten von {host} laden? Der Link stammt nicht von dieser Seite; laden Sie nur Daten aus Quellen, denen Sie vertrauen."),
            (Address::Foreign { host, private: false }, En) => format!("Load data from {host}? The link does not come from this site; load only data from sources you trust."),
            (Address::Foreign { host, private: true }, De) => format!("Daten von {host} laden? Diese Adresse liegt in einem privaten Netz (Intranet, Router oder dieser Computer). Nur laden, wenn Sie den Link selbst erwartet haben."),
            (Address::Foreign { host, private: true }, En) => format!("Load data from {host}? This address lies in a private network (intranet, router or this computer). Load only if you expected this link."),
            (Address::Data, De) => "Die Daten stehen im Link selbst (data:-Adresse). Laden? Der Link stammt nicht von dieser Seite.".into(),
            (Address::Data, En) => "The data is inside the link itself (a data: address). Load it? The link does not come from this site.".into(),
            (Address::Refused { scheme }, De) => format!("Adressen der Art „{scheme}:“ werden nicht geladen."),
            (Address::Refused { scheme }, En) => format!("Addresses of the kind \"{scheme}:\" are not loaded."),
        }
    }

    /// How the source line names where the data came from.
    pub fn source_label(&self, url: &str) -> String {
        match self {
            Address::SameOrigin => url.to_string(),
            Address::Foreign { host, .. } => host.clone(),
            Address::Data => "data:".into(),
            Address::Refused { scheme } => format!("{scheme}:"),
        }
    }
}

/// The scheme of an absolute address (`https`), `None` for a relative one.
fn scheme(url: &str) -> Option<&str> {
    let (s, _) = url.split_once(':')?;
    let ok = !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then_some(s)
}

/// Scheme, host (lower case) and port of an absolute `http(s)` address or of `//host/…`.
fn origin(url: &str) -> Option<(String, String, Option<u16>)> {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, rest)) => (s.to_ascii_lowercase(), rest),
        None => (String::new(), url.strip_prefix("//")?),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let (host, port) = if let Some(v6) = host_port.strip_prefix('[') {
        let (h, after) = v6.split_once(']')?;
        (
            format!("[{}]", h.to_ascii_lowercase()),
            after.strip_prefix(':').and_then(|p| p.parse().ok()),
        )
    } else {
        match host_port.rsplit_once(':') {
            Some((h, p)) => (h.to_ascii_lowercase(), p.parse().ok()),
            None => (host_port.to_ascii_lowercase(), None),
        }
    };
    let default = match scheme.as_str() {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    };
    Some((scheme, host, port.or(default)))
}

/// True for hosts of private networks: loopback, RFC 1918, link-local, carrier-grade NAT,
/// unique-local IPv6, `localhost`, `.local`/`.internal`/`.lan`/`.intranet`, and single-label
/// names (an intranet server such as `http://fileserver/`).
pub fn is_private_host(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    if let Some(v6) = h.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return match v6.parse::<std::net::Ipv6Addr>() {
            Ok(ip) => {
                ip.is_loopback()
                    || ip.is_unspecified()
                    || (ip.segments()[0] & 0xfe00) == 0xfc00
                    || (ip.segments()[0] & 0xffc0) == 0xfe80
                    || ip.to_ipv4_mapped().is_some_and(|v4| private_v4(&v4))
            }
            Err(_) => true,
        };
    }
    if let Ok(ip) = h.parse::<std::net::Ipv4Addr>() {
        return private_v4(&ip);
    }
    // Browsers read 3232235521 or 0xc0.0xa8.0.1 as IPv4 addresses too: anything all digits
    // and dots or hex is treated as a numeric address and counted as private when it is not a
    // plain public dotted quad.
    let numeric = |part: &str| {
        !part.is_empty()
            && (part.chars().all(|c| c.is_ascii_digit())
                || part
                    .strip_prefix("0x")
                    .is_some_and(|x| x.chars().all(|c| c.is_ascii_hexdigit())))
    };
    if !h.is_empty() && h.split('.').all(numeric) {
        return true;
    }
    h == "localhost"
        || !h.contains('.')
        || [
            ".localhost",
            ".local",
            ".internal",
            ".lan",
            ".intranet",
            ".home.arpa",
        ]
        .iter()
        .any(|s| h.ends_with(s))
}

fn private_v4(ip: &std::net::Ipv4Addr) -> bool {
    let o = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || (o[0] == 100 && (64..128).contains(&o[1]))
        || o[0] == 0
}

/// What `url` is, seen from the page at `page` (its full address, e.g.
/// `https://sozialatlas.example.de/app/index.html`).
pub fn assess(url: &str, page: &str) -> Address {
    let url = url.trim();
    if url.starts_with("//") {
        return foreign_or_same(url, page);
    }
    match scheme(url) {
        None => Address::SameOrigin,
        Some(s) => match s.to_ascii_lowercase().as_str() {
            "data" => Address::Data,
            "http" | "https" => foreign_or_same(url, page),
            other => Address::Refused {
                scheme: other.to_string(),
            },
        },
    }
}

fn foreign_or_same(url: &str, page: &str) -> Address {
    let mine = origin(page);
    let theirs = origin(url);
    match (mine, theirs) {
        (Some((ps, ph, pp)), Some((s, h, p))) => {
            let s = if s.is_empty() { ps.clone() } else { s };
            let p = if p.is_none() && s == ps { pp } else { p };
            if s == ps && h == ph && p == pp {
                Address::SameOrigin
            } else {
                let shown = match p {
                    Some(p) if Some(p) != default_port(&s) => format!("{h}:{p}"),
                    _ => h.clone(),
                };
                Address::Foreign {
                    private: is_private_host(&h),
                    host: shown,
                }
            }
        }
        (_, Some((_, h, _))) => Address::Foreign {
            private: is_private_host(&h),
            host: h,
        },
        _ => Address::Foreign {
            host: url.chars().take(60).collect(),
            private: false,
        },
    }
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://sozialatlas.voerde.de/app/index.html?geo=x";

    #[test]
    fn relative_and_same_origin_load_at_once() {
        for u in [
            "daten/karte.geojson",
            "./karte.geojson",
            "/daten/karte.geojson",
            "https://sozialatlas.voerde.de/daten/k.geojson",
            "https://SOZIALATLAS.voerde.de:443/k.geojson",
            "//sozialatlas.voerde.de/k.geojson",
            "karte.geojson?x=1:2",
        ] {
            assert_eq!(assess(u, PAGE), Address::SameOrigin, "{u}");
        }
    }

    #[test]
    fn other_origins_data_and_private_hosts_are_asked_for() {
        assert_eq!(
            assess("https://daten.example.de/k.geojson", PAGE),
            Address::Foreign {
                host: "daten.example.de".into(),
                private: false
            }
        );
        assert_eq!(
            assess("http://sozialatlas.voerde.de/k.geojson", PAGE),
            Address::Foreign {
                host: "sozialatlas.voerde.de".into(),
                private: false
            },
            "another scheme is another origin"
        );
        for (u, host) in [
            ("http://192.168.0.1/", "192.168.0.1"),
            ("http://169.254.169.254/latest/meta-data", "169.254.169.254"),
            ("http://10.1.2.3:8080/x.csv", "10.1.2.3:8080"),
            ("http://localhost:3000/x", "localhost:3000"),
            ("http://fileserver/daten.csv", "fileserver"),
            ("http://[::1]/x", "[::1]"),
            ("http://3232235521/x", "3232235521"),
            ("http://nas.local/x", "nas.local"),
        ] {
            assert_eq!(
                assess(u, PAGE),
                Address::Foreign {
                    host: host.into(),
                    private: true
                },
                "{u}"
            );
        }
        assert_eq!(assess("data:application/json,{}", PAGE), Address::Data);
        assert_eq!(assess("DATA:,x", PAGE), Address::Data);
        assert!(matches!(
            assess("javascript:alert(1)", PAGE),
            Address::Refused { .. }
        ));
        assert!(matches!(
            assess("file:///etc/passwd", PAGE),
            Address::Refused { .. }
        ));
        let q = assess("http://192.168.0.1/", PAGE).question(crate::locale::Lang::De);
        assert!(
            q.contains("192.168.0.1") && q.contains("privaten Netz"),
            "{q}"
        );
    }

    #[test]
    fn public_addresses_are_not_private() {
        assert!(!is_private_host("daten.berlin.de"));
        assert!(!is_private_host("8.8.8.8"));
        assert!(!is_private_host("cafe.de"));
        assert!(is_private_host("0xc0.0xa8.0.1"));
        assert!(is_private_host("172.16.5.4"));
        assert!(is_private_host("100.64.0.1"));
        assert!(is_private_host("[fd00::1]"));
    }
}
