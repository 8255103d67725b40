fn main() {
    let t = std::time::Instant::now();
    let g = pressx::gazetteer::Gazetteers::builtin();
    let t1 = t.elapsed();
    let r = pressx::Resources::new(&g).unwrap();
    let t2 = t.elapsed();
    std::hint::black_box(&r);
    println!("parse {:?} build {:?}", t1, t2 - t1);
}
