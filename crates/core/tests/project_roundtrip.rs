//! Property test: random projects (any indicator setup, settings, definitions with histories
//! made by random edits, notes with hostile text) come back unchanged from the link (without
//! histories, which links do not carry), the project file and the autosave. Seeded: the same
//! 300 projects on every run.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sozialatlas_core::map::{choropleth::LegendStyle, classes::Scheme, palette::PaletteChoice};
use sozialatlas_core::model::{Atlas, Direction, IndicatorKind};
use sozialatlas_core::project::{
    self, codec, ClassifyView, Inputs, Mode, Note, NoteAnchor, PopulationBounds, Project,
};
use sozialatlas_core::sozialraum::definition::{Definition, Edit, History, Sozialraum};
use sozialatlas_core::sozialraum::session::Origin;

/// Text with the characters that break careless writers: quotes, markup, separators, emoji.
fn text(rng: &mut ChaCha8Rng) -> String {
    const PARTS: [&str; 14] = [
        "Nord",
        "Süd-Ost",
        "<script>alert(1)</script>",
        "\"",
        "'",
        "&amp;",
        "\u{2028}",
        "\u{2029}",
        "=cmd|' /C calc'!A0",
        ";",
        ",",
        "😀",
        "\\",
        "</",
    ];
    let n = rng.random_range(1..4);
    (0..n)
        .map(|_| PARTS[rng.random_range(0..PARTS.len())])
        .collect()
}

fn pick<T: Clone>(rng: &mut ChaCha8Rng, v: &[T]) -> T {
    v[rng.random_range(0..v.len())].clone()
}

fn subset(rng: &mut ChaCha8Rng, ids: &[String]) -> Vec<String> {
    ids.iter()
        .filter(|_| rng.random_bool(0.5))
        .cloned()
        .collect()
}

fn random_project(rng: &mut ChaCha8Rng, atlas: &Atlas) -> Project {
    let mut p = Project::for_atlas(atlas, Inputs::default());
    p.title = format!("Stadt {}", text(rng));
    let stems = atlas.numeric_stems();
    for ind in &mut p.catalogue.indicators {
        if rng.random_bool(0.5) {
            ind.label = text(rng);
            ind.unit = pick(rng, &["%", "", "je 1.000", "EW/ha"]).into();
            ind.direction = pick(
                rng,
                &[
                    Direction::HighIsAdvantage,
                    Direction::HighIsDisadvantage,
                    Direction::Neutral,
                ],
            );
            ind.kind = pick(
                rng,
                &[
                    IndicatorKind::Count,
                    IndicatorKind::Share,
                    IndicatorKind::Rate,
                    IndicatorKind::Mean,
                    IndicatorKind::Density,
                ],
            );
            if rng.random_bool(0.5) {
                ind.numerator = Some(pick(rng, &stems));
                ind.denominator = Some(pick(rng, &stems));
            }
            ind.scale = pick(rng, &[1.0, 100.0, 1000.0, 0.1, 1e-7]);
            ind.theme = text(rng);
            ind.source = text(rng);
            ind.date = "31.12.2024".into();
            ind.note = text(rng);
        }
    }
    p.catalogue.population = if rng.random_bool(0.8) {
        Some(pick(rng, &stems))
    } else {
        None
    };
    let ids: Vec<String> = p
        .catalogue
        .indicators
        .iter()
        .map(|i| i.id.clone())
        .collect();
    p.view.mode = pick(rng, &Mode::ALL);
    p.view.lang = pick(
        rng,
        &[
            sozialatlas_core::locale::Lang::De,
            sozialatlas_core::locale::Lang::En,
        ],
    );
    p.view.indicator = pick(rng, &ids);
    p.view.year = Some(pick(rng, &atlas.years));
    p.view.labels = rng.random_bool(0.5);
    p.view.zoom = rng.random_bool(0.5).then(|| {
        [
            rng.random_range(0.0..500.0),
            rng.random_range(0.0..300.0),
            400.0,
            300.0,
        ]
    });
    p.explore.classes = rng.random_range(2..=9);
    p.explore.change = rng.random_bool(0.5);
    p.explore.pooled = rng.random_bool(0.5);
    p.explore.base_year = rng.random_bool(0.5).then(|| rng.random_range(2000..2030));
    p.explore.scheme = Scheme::ALL[rng.random_range(0..Scheme::ALL.len())];
    let mut breaks: Vec<f64> = (0..rng.random_range(0..6))
        .map(|_| rng.random_range(-1e6..1e6))
        .collect();
    breaks.sort_by(f64::total_cmp);
    breaks.dedup();
    p.explore.breaks = breaks;
    p.explore.legend = if rng.random_bool(0.5) {
        LegendStyle::Report
    } else {
        LegendStyle::Range
    };
    p.explore.palette = PaletteChoice::ALL[rng.random_range(0..PaletteChoice::ALL.len())];
    p.classify.view = match rng.random_range(0..4) {
        0 => ClassifyView::Status,
        1 => ClassifyView::Dynamic,
        2 => ClassifyView::Grid,
        _ => ClassifyView::Band(pick(rng, &ids)),
    };
    p.classify.indicators = subset(rng, &ids);
    p.classify.dynamic = subset(rng, &ids);
    p.classify.min_population = rng.random_bool(0.5).then(|| rng.random_range(0.0..1000.0));
    p.cluster.indicators = subset(rng, &ids);
    p.cluster.k = rng.random_range(2..=12);
    p.cluster.refine = rng.random_bool(0.5);
    p.cluster.seed = rng.random();
    p.proposal.min_population = rng.random_range(1.0..1e6);
    p.proposal.seed = rng.random();
    p.small_numbers.min_cases = rng.random_range(0.0..10.0);
    let n = atlas.units.len();
    for d in 0..rng.random_range(0..4) {
        let mut def = Definition::empty(&text(rng), n);
        for _ in 0..rng.random_range(0..6) {
            def.areas.push(Sozialraum {
                name: text(rng),
                color: pick(rng, &["#8dd3c7", "#ffffb3", "#fb8072"]).into(),
                locked: rng.random_bool(0.2),
            });
        }
        let m = def.areas.len() as u32;
        for a in &mut def.assign {
            *a = (m > 0 && rng.random_bool(0.8)).then(|| rng.random_range(0..m));
        }
        let origin = pick(rng, &[Origin::Own, Origin::Link, Origin::File]);
        let s = &mut p.sozialraeume;
        s.add(def, origin);
        // A history made by random edits: strokes, clicks, renames, new Sozialräume, undos.
        for _ in 0..rng.random_range(0..12) {
            let m = s.definitions[d].areas.len() as u32;
            match rng.random_range(0..6) {
                0 if m > 0 => {
                    for _ in 0..3 {
                        let units: Vec<usize> = (0..5).map(|_| rng.random_range(0..n)).collect();
                        s.paint_live(&units, Some(rng.random_range(0..m)));
                    }
                    s.end_stroke();
                }
                1 => {
                    s.run(Edit::Assign(vec![(rng.random_range(0..n) as u32, None)]));
                }
                2 if m > 0 => {
                    s.run(Edit::Rename(rng.random_range(0..m), text(rng)));
                }
                3 => {
                    s.run(Edit::Add(Sozialraum {
                        name: text(rng),
                        color: "#bebada".into(),
                        locked: false,
                    }));
                }
                4 => {
                    s.undo_redo(false);
                }
                _ => {
                    s.undo_redo(true);
                }
            }
        }
    }
    let s = &mut p.sozialraeume;
    let k = s.definitions.len().max(1);
    s.active = rng.random_range(0..k);
    s.pair = (rng.random_range(0..k), rng.random_range(0..k));
    s.fix_indices();
    s.bounds = PopulationBounds {
        min: rng.random_bool(0.5).then(|| rng.random_range(0.0..5000.0)),
        max: rng.random_bool(0.5).then(|| rng.random_range(5000.0..1e6)),
    };
    // The level: the base units or one of the definitions by name.
    p.view.level = match s.definitions.len() {
        0 => String::new(),
        n if rng.random_bool(0.5) => s.definitions[rng.random_range(0..n)].name.clone(),
        _ => String::new(),
    };
    p.view.coarser = match s.definitions.len() {
        0 => String::new(),
        n => s.definitions[rng.random_range(0..n)].name.clone(),
    };
    for _ in 0..rng.random_range(0..3) {
        p.notes.push(Note {
            title: text(rng),
            text: text(rng),
            category: pick(rng, &["Bedarf", "Idee", "Angebot"]).into(),
            status: "offen".into(),
            initials: "AB".into(),
            anchor: match rng.random_range(0..3) {
                0 => NoteAnchor::None,
                1 => NoteAnchor::Unit(pick(rng, &atlas.units.keys)),
                _ => NoteAnchor::Point {
                    x: rng.random_range(3.3e5..3.5e5),
                    y: rng.random_range(5.7e6..5.8e6),
                },
            },
        });
    }
    p
}

#[test]
fn random_projects_survive_link_project_file_and_autosave_unchanged() {
    let opened = project::open(&Inputs::default(), None).unwrap();
    let atlas = &opened.atlas;
    let keys = &atlas.units.keys;
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let mut with_history = 0;
    for round in 0..300 {
        let p = random_project(&mut rng, atlas);
        with_history += p
            .sozialraeume
            .histories
            .iter()
            .filter(|h| h.undo_len() + h.redo_len() > 0)
            .count();
        // The link: everything but the histories.
        let link = codec::link_text(&p, keys);
        let back = codec::decode_link(&link)
            .unwrap()
            .apply(atlas, p.inputs.clone())
            .unwrap_or_else(|e| panic!("round {round}: {e:?}"));
        let mut without = p.clone();
        without.sozialraeume.histories = vec![History::default(); p.sozialraeume.definitions.len()];
        assert_eq!(back, without, "round {round}: link");
        // The project file and the autosave: everything.
        let file = codec::project_file(&p, keys);
        let (inputs, packed) = codec::read_project_file(file.as_bytes()).unwrap();
        let back = packed.apply(atlas, inputs).unwrap();
        assert_eq!(back, p, "round {round}: project file");
        assert_eq!(
            codec::project_file(&back, keys),
            file,
            "round {round}: same bytes"
        );
        let saved = codec::autosave_text(&p, keys);
        let back = codec::read_autosave(&saved, keys)
            .unwrap()
            .apply(atlas, p.inputs.clone())
            .unwrap();
        assert_eq!(back, p, "round {round}: autosave");
    }
    assert!(with_history > 100, "{with_history} histories exercised");
}
