//! Drawing a map: the planar frame and SVG paths ([`geometry`]), the one spatial index of the
//! units ([`index`]), class breaks ([`classes`]), colour schemes ([`palette`]), what a
//! choropleth and its legend show ([`choropleth`]), and area names placed without overlap
//! ([`labels`]), point symbols of facility layers ([`symbols`]).

pub mod choropleth;
pub mod classes;
pub mod geometry;
pub mod index;
pub mod labels;
pub mod palette;
pub mod symbols;
