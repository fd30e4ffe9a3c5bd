//! Page address parameters: `?geo=URL&table=URL&key=COLUMN` (and `&points=URL`, several
//! allowed) load data at start.

/// Data named in the page address.
#[derive(Clone, Debug, PartialEq)]
pub struct DataParams {
    /// Map file URL.
    pub geo: String,
    /// Table file URL.
    pub table: Option<String>,
    /// Key column.
    pub key: Option<String>,
    /// Point layers (`?points=`, several allowed).
    pub points: Vec<String>,
}

/// Reads `geo`, `table` and `key` from the current address; `None` without `geo`.
pub fn data_params() -> Option<DataParams> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    let get = |k: &str| params.get(k).filter(|v| !v.trim().is_empty());
    Some(DataParams {
        geo: get("geo")?,
        table: get("table"),
        key: get("key"),
        points: params
            .get_all("points")
            .iter()
            .filter_map(|v| v.as_string())
            .filter(|v| !v.trim().is_empty())
            .collect(),
    })
}

/// The project file named in the address (`?data=URL`).
pub fn project_param() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get("data").filter(|v| !v.trim().is_empty())
}
