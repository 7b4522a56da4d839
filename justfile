# Developer recipes. The README's two commands need none of these.

default: check test

# fmt, clippy, layer boundaries and cargo-deny
check:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings
    scripts/layers.sh
    cargo deny check

# every suite on SQLite only (no database servers)
test:
    cargo test --workspace --all-targets

# every suite on SQLite, MariaDB and PostgreSQL (starts them if down)
test-all:
    scripts/test.sh

# criterion benchmarks of the domain crates
bench:
    cargo bench -p oxt-sla -p oxt-filter -p oxt-perm -p oxt-identity

# create or upgrade the schema of OXT_DATABASE_URL
migrate:
    cargo run --release -- migrate

# regenerate the sea-orm entities and step 001's table specs from osTicket's DDL; fail if the tree differs
entities:
    python3 tools/schema-gen/schema_gen.py --check
