# frozen_string_literal: true

# The gengo-rs gem: `require "gengo_rs"`, module GengoRs, beside the official `gengo` gem.
# scripts/dist.sh builds the x86_64-linux platform gem, which bundles libgengo.so as
# lib/gengo_rs/libgengo.so; built from this folder alone the gem loads libgengo from
# GENGO_FFI_LIB or the system's loader. The version is the workspace's (Cargo.toml).
cargo_toml = File.expand_path("../../Cargo.toml", __dir__)
version = ENV.fetch("GENGO_RS_VERSION") do
  File.read(cargo_toml)[/^version = "([^"]+)"/, 1] or raise "no version in #{cargo_toml}"
end

Gem::Specification.new do |spec|
  spec.name = "gengo-rs"
  spec.version = version
  spec.summary = "Gengo Translate API client for Ruby, over libgengo (gengo-rs)"
  spec.description = "A typed, thread-friendly Gengo Translate API client: verified TLS, timeouts, " \
                     "keep-alive, safe retries and errors that keep every code, through the ffi gem."
  spec.authors = ["gengo-rs developers"]
  spec.homepage = "https://github.com/gengo-rs/gengo-rs"
  spec.licenses = ["MIT", "Apache-2.0"]
  spec.required_ruby_version = ">= 3.0"
  spec.platform = ENV["GENGO_RS_PLATFORM"] if ENV["GENGO_RS_PLATFORM"]
  spec.files = Dir["lib/**/*.rb", "lib/gengo_rs/libgengo.so", "README.md", "LICENSE-*"]
  spec.require_paths = ["lib"]
  spec.add_dependency "ffi", ">= 1.15", "< 2"
end
