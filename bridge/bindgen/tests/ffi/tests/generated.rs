//! The generated bindings against the fixture module: each C shape the generator maps, called
//! for real inside a sandbox, with values only the C code could have produced.

use cordon_bindgen_ffi_tests::{
    boxed, constants, flags, load, mat2, node, padded, shape, vec2, wide, word, Functions,
};
use cordon_sandbox::{Error, Field, GuestPtr, Sandbox, Tainted};

fn open() -> (Sandbox, Functions) {
    let (library, functions) = load().unwrap();
    (Sandbox::new(&library).unwrap(), functions)
}

fn trust<T>(value: Tainted<T>) -> T {
    value.unverified_because("test: compared with the expected value right away")
}

#[test]
fn structs_by_value_go_by_address_and_come_back_through_a_hidden_slot() {
    let (mut sandbox, f) = open();
    let sum = f
        .vec2_add(&mut sandbox, vec2 { x: 3, y: -4 }, vec2 { x: 40, y: 50 })
        .unwrap();
    assert_eq!(trust(sum), vec2 { x: 43, y: 46 });

    // A struct by pointer and another by value in one call.
    let m = sandbox.alloc_value::<mat2>().unwrap();
    sandbox
        .write(
            m,
            mat2 {
                xx: 0,
                xy: -1,
                yx: 1,
                yy: 0,
            },
        )
        .unwrap();
    let turned = f.mat2_apply(&mut sandbox, m, vec2 { x: 2, y: 7 }).unwrap();
    assert_eq!(trust(turned), vec2 { x: -7, y: 2 });

    // The slots are freed: a thousand calls do not grow the sandbox.
    let before = sandbox.memory_size().unwrap();
    for i in 0..1000 {
        let v = f
            .vec2_add(&mut sandbox, vec2 { x: i, y: i }, vec2 { x: 1, y: 2 })
            .unwrap();
        assert_eq!(trust(v), vec2 { x: i + 1, y: i + 2 });
    }
    assert_eq!(sandbox.memory_size().unwrap(), before);
}

#[test]
fn a_struct_of_one_scalar_travels_as_that_scalar() {
    let (mut sandbox, f) = open();
    let scaled = f
        .boxed_scale(&mut sandbox, boxed { only: 1.5 }, 4.0)
        .unwrap();
    assert_eq!(trust(scaled), boxed { only: 6.0 });
    let negated = f.wide_neg(&mut sandbox, wide { big: 1 << 40 }).unwrap();
    assert_eq!(trust(negated), wide { big: -(1 << 40) });
}

#[test]
fn enums_are_rust_enums_in_and_checked_values_out() {
    let (mut sandbox, f) = open();
    assert_eq!(
        trust(f.shape_sides(&mut sandbox, shape::SHAPE_SQUARE).unwrap()),
        4
    );
    // An alias is the same variant.
    assert_eq!(shape::SHAPE_FIRST, shape::SHAPE_CIRCLE);
    assert_eq!(
        i64::from(shape::SHAPE_CIRCLE.raw()),
        i64::from(constants::SHAPE_CIRCLE)
    );
    let next = f.shape_next(&mut sandbox, shape::SHAPE_CIRCLE).unwrap();
    assert_eq!(
        next.verify_into::<shape>("shape").unwrap(),
        shape::SHAPE_TRIANGLE
    );
    // C enums are open: a value that names no enumerator is refused, never a variant.
    let beyond = f.shape_next(&mut sandbox, shape::SHAPE_SQUARE).unwrap();
    assert!(matches!(
        beyond.verify_into::<shape>("shape"),
        Err(Error::Verification(_))
    ));
}

#[test]
fn out_parameters_return_what_the_library_stored() {
    let (mut sandbox, f) = open();
    let (status, head) = f.node_make(&mut sandbox, 4).unwrap();
    assert_eq!(trust(status), 0);
    let head = sandbox.follow(head).unwrap();
    assert_eq!(trust(f.node_sum(&mut sandbox, head).unwrap()), 10);

    // Walk the list through typed pointer fields, nested structs and a nested union.
    let mut values = Vec::new();
    let mut at = Some(head);
    while let Some(ptr) = at {
        let n: node = trust(sandbox.read(ptr).unwrap());
        values.push((n.value, n.at, word::f.get(&n.w)));
        // A nested field read in place, without copying the node.
        let y = sandbox.read_field(ptr, node::at.then(vec2::y)).unwrap();
        assert_eq!(trust(y), -n.value);
        at = sandbox.follow_nullable(Tainted::from_host(n.next));
        assert!(values.len() <= 4, "the list ends");
    }
    assert_eq!(
        values,
        [4, 3, 2, 1].map(|i| (i, vec2 { x: i, y: -i }, i as f32 / 2.0))
    );
    f.node_free(&mut sandbox, head).unwrap();

    // On failure the library stores nothing: the slot stays null.
    let (status, none) = f.node_make(&mut sandbox, 0).unwrap();
    assert_eq!(trust(status), -1);
    assert!(matches!(sandbox.follow(none), Err(Error::NullPointer)));

    // Two scalar out-parameters of a void function: a pair of values.
    let (x, y) = f.vec2_split(&mut sandbox, vec2 { x: 9, y: -9 }).unwrap();
    assert_eq!((trust(x), trust(y)), (9, -9));
}

#[test]
fn unions_are_bytes_read_through_typed_members() {
    let (mut sandbox, f) = open();
    let w = trust(f.word_from_float(&mut sandbox, 1.0).unwrap());
    assert_eq!(word::i.get(&w), 0x3f80_0000);
    assert_eq!(word::b.get(&w), [0, 0, 0x80, 0x3f]);
    let mut chosen = word { bytes: [0; 4] };
    word::i.set(&mut chosen, 0x1234_5678);
    assert_eq!(
        trust(f.word_bits(&mut sandbox, chosen).unwrap()),
        0x1234_5678
    );
}

#[test]
fn pointers_from_another_instance_are_refused() {
    let (mut sandbox, f) = open();
    let (_, head) = f.node_make(&mut sandbox, 2).unwrap();
    let head = sandbox.follow(head).unwrap();
    sandbox.reset();
    assert!(matches!(
        f.node_sum(&mut sandbox, head),
        Err(Error::StalePointer)
    ));
    // A pointer stored by the host into a struct is checked to be this instance's.
    assert!(sandbox.store_pointer(head).is_err());
    let _: GuestPtr<node> = GuestPtr::NULL;
    let _: Field<node, i32> = node::value;
}

#[test]
fn names_and_shapes_that_tempt_a_generator_into_mistakes() {
    let (mut sandbox, f) = open();
    // An unsigned enum with its top bit set keeps its value.
    assert_eq!(flags::FLAG_HIGH.raw(), 0x8000_0000);
    let flipped = f.flags_flip(&mut sandbox, flags::FLAG_LOW).unwrap();
    assert_eq!(
        flipped.verify_into::<flags>("flags").unwrap(),
        flags::FLAG_HIGH
    );
    // An over-aligned one-field struct has padding, so it is not passed as its scalar (the
    // build's export check would have failed if the generator thought otherwise).
    let p = trust(f.padded_inc(&mut sandbox, padded { s: 41 }).unwrap());
    assert_eq!(p.s, 42);
    // C parameters named like the generated method's own `guest` and locals.
    let (status, sum) = f.sum_into(&mut sandbox, 40, 2).unwrap();
    assert_eq!((trust(status), trust(sum)), (0, 42));
    let twice = f.vec2_twice(&mut sandbox, vec2 { x: 3, y: 4 }).unwrap();
    assert_eq!(trust(twice), vec2 { x: 6, y: 8 });
    // A C function named like the constructor.
    assert_eq!(trust(f.load_(&mut sandbox, 1).unwrap()), 2);
}
