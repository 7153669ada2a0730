// Data types from an IDL file, used as ordinary Rust values.
#![deny(warnings)]

orbit::idl!("tests/ui/idl/data.idl");

fn main() {
    let polygon = shapes::Polygon {
        name: "triangle".to_owned(),
        color: shapes::Color::Green,
        points: vec![shapes::Point { x: 0.0, y: 0.0 }, shapes::Point { x: 1.0, y: 0.0 }],
    };
    assert_eq!(polygon.points.len(), 2);
    assert_eq!(shapes::MAX_POINTS, 64);
}
