# frozen_string_literal: true

# GengoRs::Client (Ruby ffi) against gengo sandbox. Run:
#   GENGO_TEST_BASE_URL=... GENGO_TEST_THROTTLED_URL=... ruby -Ilib test/test_client.rb

require "minitest/autorun"
require "tmpdir"
require "uri"
require "gengo_rs"

class TestClient < Minitest::Test
  KEYS = { public_key: "sandbox_public_key", private_key: "sandbox_private_key", max_retries: 0, rate_limit_per_minute: 0 }.freeze

  def setup
    @gengo = GengoRs::Client.new(KEYS.merge(base_url: ENV.fetch("GENGO_TEST_BASE_URL")))
  end

  def rss_kb = File.read("/proc/self/status")[/VmRSS:\s+(\d+)/, 1].to_i

  def test_reads
    refute_empty GengoRs::Client.version
    assert_operator @gengo.account_balance["credits"].to_f, :>, 0
    assert(@gengo.languages.any? { |l| l["lc"] == "ja" && l["unit_type"] == "character" })
    assert(@gengo.language_pairs(lc_src: "ja").all? { |p| p["lc_src"] == "ja" })
    assert_equal 2, @gengo.quote({ k: { body_src: "plop plop!", lc_src: "en", lc_tgt: "es", tier: "pro" } })["k"]["unit_count"]
    assert_includes @gengo.download_glossary(@gengo.glossaries.first["id"]), "Gengo"
  end

  def test_order_poll_approve_revise
    run = "#{Process.pid}-#{Time.now.to_f}"
    receipt = @gengo.order_jobs({ one: { type: "text", body_src: "Hello from Ruby #{run}", lc_src: "en", lc_tgt: "ja", tier: "standard", custom_data: "rb-1" },
                                  two: { type: "text", body_src: "Second from Ruby #{run}", lc_src: "en", lc_tgt: "de", tier: "pro" } },
                                comment: "from Ruby")
    assert_kind_of Integer, receipt["order_id"]
    assert_equal 2, receipt["job_count"]
    waited = @gengo.wait_for_order(receipt["order_id"], timeout: 10, interval: 0.05)
    assert_equal false, waited["in_progress"]
    a, b = waited["order"]["jobs_reviewable"]
    assert_equal 2, [a, b].compact.size
    job = @gengo.get_job(a)
    assert_equal "reviewable", job["status"]
    assert_kind_of String, job["credits"]
    @gengo.approve_job(a, rating: 4, for_translator: "danke")
    assert_equal "approved", @gengo.get_job(a)["status"]
    assert_equal "4", @gengo.job_feedback(a)["rating"]
    @gengo.post_job_comment(b, "Ümlauts & ampersands")
    assert_equal "Ümlauts & ampersands", @gengo.job_comments(b).last["body"]
    @gengo.revise_job(b, "more formal")
    assert_equal "revising", @gengo.call("getTranslationJob", id: b)["job"]["status"]
    err = assert_raises(GengoRs::ApiError) { @gengo.approve_job(a) }
    assert_equal [2250, "api"], [err.code, err.kind]
  end

  # Gengo's file flow: quote the files, then order by the quote's identifiers alone (pair
  # and tier come from the quote), then read the jobs.
  def test_files_are_ordered_by_their_quotes_identifier
    run = "#{Process.pid}-#{Time.now.to_f}"
    Dir.mktmpdir do |dir|
      File.write(File.join(dir, "menu.txt"), "Soup of the day #{run}")
      File.write(File.join(dir, "faq.txt"), "Where is my order #{run}")
      q = @gengo.quote({
        filejob_01: { type: "file", file_path: File.join(dir, "menu.txt"), lc_src: "en", lc_tgt: "ja", tier: "standard" },
        filejob_02: { type: "file", file_path: File.join(dir, "faq.txt"), lc_src: "en", lc_tgt: "ja", tier: "standard" }
      })
      assert_equal 64, q["filejob_01"]["identifier"].length
      r = @gengo.order_jobs({
        filejob_01: { type: "file", identifier: q["filejob_01"]["identifier"], comment: "Test comment", force: 1 },
        filejob_02: { type: "file", identifier: q["filejob_02"]["identifier"], comment: "Test comment", force: 1 }
      })
      assert_equal 2, r["job_count"]
      order = @gengo.wait_for_order(r["order_id"], timeout: 10, interval: 0.05)["order"]
      ids = order["jobs_reviewable"] + order["jobs_available"] + order["jobs_pending"]
      jobs = @gengo.get_jobs(ids)
      assert_equal %w[file file], jobs.map { |j| j["type"] }
      assert_equal %w[ja ja], jobs.map { |j| j["lc_tgt"] }
    end
  end

  def test_errors_keep_their_kind_and_codes
    err = assert_raises(GengoRs::ApiError) { @gengo.get_job(999_999) }
    assert_equal 2100, err.code
    refute err.not_found?
    refute err.retryable?
    err = assert_raises(GengoRs::ApiError) { @gengo.get_glossary(999_999) }
    assert err.not_found?
    assert_equal 404, err.code
    err = assert_raises(GengoRs::MultiJobError) do
      @gengo.order_jobs({ x: { body_src: "x", lc_src: "en", lc_tgt: "xx", tier: "standard" },
                          y: { body_src: "y", lc_src: "af", lc_tgt: "es", tier: "pro" } })
    end
    assert_equal [1551], err.job_errors["x"].map { |e| e["code"] }
    assert_equal [1551], err.job_errors["y"].map { |e| e["code"] }
    err = assert_raises(GengoRs::ValidationError) { @gengo.order_jobs({ x: { body_src: "x", lc_src: "en", lc_tgt: "ja", tier: "gold" } }) }
    assert_equal "jobs.x.tier", err.field
    refute err.retryable?
    bad = GengoRs::Client.new(KEYS.merge(private_key: "wrong", base_url: ENV.fetch("GENGO_TEST_BASE_URL")))
    assert_equal 1000, assert_raises(GengoRs::AuthError) { bad.account_balance }.code
    assert_raises(GengoRs::InvalidArgumentError) { GengoRs::Client.new(base_url: "ftp://x") }
    assert_raises(GengoRs::IoError) { @gengo.post_job_comment(1, "x", files: ["/nonexistent/file.txt"]) }
    throttled = GengoRs::Client.new(KEYS.merge(base_url: ENV.fetch("GENGO_TEST_THROTTLED_URL")))
    err = assert_raises(GengoRs::RateLimitedError) { 4.times { throttled.languages } }
    assert_operator err.retry_after, :>, 0
    assert err.retryable?
    err = assert_raises(GengoRs::TransportError) { GengoRs::Client.new(base_url: "http://127.0.0.1:1", max_retries: 0).languages }
    assert err.retryable?
  end

  def test_a_library_of_another_abi_is_refused_at_load
    assert_equal GengoRs::Native::ABI_VERSION, GengoRs::Native.gengo_abi_version
    err = assert_raises(LoadError) { GengoRs::Native.check_abi!(2, "/opt/libgengo.so") }
    assert_includes err.message, "speaks ABI version 2"
  end

  def test_callbacks_and_units
    ev = GengoRs::Client.parse_callback("job=" + URI.encode_www_form_component('{"job_id":"42","status":"approved"}'), "application/x-www-form-urlencoded")
    assert_equal ["job", 42], [ev["type"], ev["job"]["job_id"]]
    assert_raises(GengoRs::DecodeError) { GengoRs::Client.parse_callback("job=%7Bbroken") }
    assert_equal 2, GengoRs::Client.unit_count("Hello [[[Gengo]]] world", "en")
    assert_equal 3, GengoRs::Client.unit_count("日本語", "ja")
  end

  def test_no_leaks_over_a_thousand_calls
    100.times { GengoRs::Client.operations }
    GC.start
    before = rss_kb
    1000.times do
      GengoRs::Client.operations
      GengoRs::Client.parse_callback("comment=" + URI.encode_www_form_component('{"job_id":1,"body":"x"}'))
      assert_raises(GengoRs::ValidationError) { @gengo.call(:get_job, id: 0) }
      GengoRs::Client.unit_count("leak check", "en")
    end
    GC.start
    grown = rss_kb - before
    assert_operator grown, :<, 8192, "memory grew by #{grown} KB over 1,000 calls"
  end

  # Parity with the table: every operation is a method and callable through call() by
  # its canonical and official names; every error kind has its class under the parent
  # gengo-core names.
  def test_every_operation_and_every_error_kind
    GengoRs::Client.operations.each do |op|
      assert_respond_to @gengo, op["name"]
      positional = op["params"].select { |p| p["required"] && !(p["name"] == "action" && op["action"]) }
      args = positional.map { |p| p["kind"] == "value" ? nil : 0 }
      begin
        @gengo.public_send(op["name"], *args)
      rescue GengoRs::ValidationError, GengoRs::ApiError
        # reached gengo-core with this operation: that is what is checked here
      end
      [op["name"], op["alias"]].compact.each do |name|
        begin
          @gengo.call(name)
        rescue GengoRs::InvalidArgumentError => e
          flunk "call(#{name}) unknown: #{e.message}"
        rescue GengoRs::Error
          nil
        end
      end
    end
    kinds = GengoRs::Client.error_kinds
    assert_equal 12, kinds.size
    kinds.each do |k|
      klass = GengoRs.const_get("#{k["class"]}Error")
      parent = k["parent"] ? GengoRs::Error::KINDS.fetch(k["parent"]) : GengoRs::Error
      assert_equal parent, klass.superclass, k["name"]
      assert_same klass, GengoRs::Error.from(k["number"], { "kind" => k["name"], "message" => "x" }).class
    end
  end

  # Explicit settings, then the environment, then the default: keys alone never send a
  # request to production when GENGO_BASE_URL names the sandbox.
  def test_the_environment_fills_what_the_config_leaves_out
    ENV["GENGO_BASE_URL"] = ENV.fetch("GENGO_TEST_BASE_URL")
    keys_only = GengoRs::Client.new(public_key: "sandbox_public_key", private_key: "sandbox_private_key", max_retries: 0)
    assert_operator keys_only.account_balance["credits"].to_f, :>, 0
    explicit = GengoRs::Client.new(public_key: "sandbox_public_key", private_key: "sandbox_private_key", base_url: "http://127.0.0.1:1", max_retries: 0)
    assert_raises(GengoRs::TransportError) { explicit.account_balance }
  ensure
    ENV.delete("GENGO_BASE_URL")
  end

  def test_threads_share_one_client
    threads = 8.times.map { Thread.new { 5.times.map { @gengo.account_balance["currency"] } } }
    assert_equal ["USD"] * 40, threads.flat_map(&:value)
  end
end
