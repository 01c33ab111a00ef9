# frozen_string_literal: true

require "ffi"
require "json"

# Gengo Translate API client for Ruby, over libgengo (gengo-rs) through the ffi gem.
#
#   gengo = Gengo::Client.new(public_key: "...", private_key: "...")
#   receipt = gengo.order_jobs(jobs: { a: { body_src: "Hello", lc_src: "en", lc_tgt: "ja", tier: "standard" } })
module Gengo
  # The library is found by GENGO_FFI_LIB (a path to libgengo.so), else in the
  # repository's build output (target/release, then target/debug), else by the loader.
  module Native
    extend FFI::Library

    def self.library_path
      return ENV["GENGO_FFI_LIB"] if ENV["GENGO_FFI_LIB"] && !ENV["GENGO_FFI_LIB"].empty?

      root = File.expand_path("../../..", __dir__)
      %w[release debug].map { |p| File.join(root, "target", p, "libgengo.so") }.find { |f| File.file?(f) } || "gengo"
    end

    ffi_lib library_path

    attach_function :gengo_version, [], :string
    attach_function :gengo_abi_version, [], :uint
    attach_function :gengo_client_new, %i[string pointer pointer], :int
    attach_function :gengo_client_free, [:pointer], :void
    attach_function :gengo_client_call, %i[pointer string string pointer pointer], :int
    attach_function :gengo_operations, [], :pointer
    attach_function :gengo_parse_callback, %i[pointer ulong_long string pointer pointer], :int
    attach_function :gengo_unit_count, %i[string string pointer pointer], :int
    attach_function :gengo_string_free, [:pointer], :void

    # Copies a string the library returned and releases it.
    def self.take(ptr)
      return nil if ptr.null?

      ptr.read_string.force_encoding(Encoding::UTF_8)
    ensure
      gengo_string_free(ptr) unless ptr.nil? || ptr.null?
    end

    # Calls a function with out-parameters for a result and an error; returns the
    # result text or raises the error.
    def self.with_out
      result = FFI::MemoryPointer.new(:pointer)
      error = FFI::MemoryPointer.new(:pointer)
      status = yield result, error
      if status.zero?
        take(result.read_pointer)
      else
        message = take(error.read_pointer)
        raise Gengo::Error.from(status, message ? JSON.parse(message) : { "kind" => "panic", "message" => "status #{status}" })
      end
    end

    def self.json(value)
      value.nil? || value.empty? ? "{}" : JSON.generate(value)
    end
  end

  # The root of every gengo error: kind, Gengo code, HTTP status and per-job errors.
  class Error < StandardError
    attr_reader :kind, :code, :http_status, :job_errors, :status, :details

    def self.from(status, details)
      klass = KINDS.fetch(details["kind"], Error)
      klass.new(status, details)
    end

    def initialize(status, details)
      @status = status
      @details = details
      @kind = details["kind"]
      @code = details["code"]
      @http_status = details["http_status"]
      @job_errors = details["job_errors"] || {}
      super(details["message"])
    end

    # Whether the server said the resource does not exist (code 404, as a number or
    # the string "404", or HTTP 404), as gengo-core decides it.
    def not_found? = details["not_found"] == true
  end

  class InvalidArgumentError < Error; end

  # Rejected locally: nothing was sent.
  class ValidationError < Error
    def field = details["field"]
  end

  class ApiError < Error; end
  class AuthError < ApiError; end
  class MultiJobError < ApiError; end

  # Throttled; retry after `retry_after` seconds.
  class RateLimitedError < ApiError
    def retry_after = details["retry_after"]
  end

  class TransportError < Error; end
  class TimeoutError < TransportError; end
  class TlsError < TransportError; end
  class DecodeError < Error; end
  class HttpError < Error; end
  class IoError < Error; end

  Error::KINDS = {
    "invalid_argument" => InvalidArgumentError, "validation" => ValidationError, "api" => ApiError,
    "auth" => AuthError, "multi_job" => MultiJobError, "rate_limited" => RateLimitedError,
    "transport" => TransportError, "timeout" => TimeoutError, "tls" => TlsError,
    "decode" => DecodeError, "http" => HttpError, "io" => IoError
  }.freeze

  # Releases the native client when the Ruby object is collected.
  class Handle < FFI::AutoPointer
    def self.release(ptr)
      Native.gengo_client_free(ptr)
    end
  end

  # A Gengo API client. Hashes in, hashes out (string keys); errors are Gengo::Error
  # subclasses. One client holds one keep-alive pool and may be shared by threads.
  class Client
    # Config keys: public_key, private_key, environment, base_url, api_version,
    # connect_timeout, timeout, max_retries, rate_limit_per_minute, user_agent,
    # method_override, from_env (see the C ABI's gengo_client_new).
    def initialize(config = { from_env: true })
      out = FFI::MemoryPointer.new(:pointer)
      Native.with_out do |_result, error|
        status = Native.gengo_client_new(JSON.generate(config), out, error)
        @handle = Handle.new(out.read_pointer) if status.zero?
        status
      end
    end

    # Any operation by canonical name (get_job) or official alias (getTranslationJob).
    def call(operation, params = {})
      text = Native.with_out { |result, error| Native.gengo_client_call(@handle, operation.to_s, Native.json(params), result, error) }
      JSON.parse(text, quirks_mode: true)
    end

    def account_stats = call(:account_stats)
    def account_balance = call(:account_balance)
    def account_me = call(:account_me)
    def preferred_translators = call(:preferred_translators)
    def get_job(id, pre_mt: false) = call(:get_job, pre_mt ? { id: id, pre_mt: 1 } : { id: id })["job"]
    def approve_job(id, **fields) = call(:approve_job, { id: id, **fields }) && nil
    def revise_job(id, comment) = call(:revise_job, { id: id, comment: comment }) && nil

    def reject_job(id, reason:, comment:, follow_up: nil)
      params = { id: id, reason: reason, comment: comment }
      params[:follow_up] = follow_up if follow_up
      call(:reject_job, params) && nil
    end

    def archive_job(id) = call(:archive_job, { id: id }) && nil
    def cancel_job(id) = call(:cancel_job, { id: id }) && nil

    def post_job_comment(id, body, files: [], attachments: [])
      params = { id: id, body: body }
      params[:files] = files unless files.empty?
      params[:attachments] = attachments unless attachments.empty?
      call(:post_job_comment, params) && nil
    end

    def job_comments(id) = call(:job_comments, { id: id }).fetch("thread", [])
    def job_feedback(id) = call(:job_feedback, { id: id }).fetch("feedback", {})
    def job_revisions(id) = call(:job_revisions, { id: id }).fetch("revisions", [])
    def job_revision(id, rev_id) = call(:job_revision, { id: id, rev_id: rev_id }).fetch("revision", {})
    def order_jobs(order) = call(:order_jobs, order)
    def list_jobs(**filters) = call(:list_jobs, filters)
    def get_jobs(ids) = call(:get_jobs, { ids: ids }).fetch("jobs", [])

    def update_jobs(action, job_ids, comment: nil)
      params = { action: action, job_ids: job_ids }
      params[:comment] = comment if comment
      call(:update_jobs, params) && nil
    end

    def get_order(id) = call(:get_order, { id: id })["order"]
    def cancel_order(id) = call(:cancel_order, { id: id })
    def post_order_comment(id, body) = call(:post_order_comment, { id: id, body: body }) && nil
    def order_comments(id) = call(:order_comments, { id: id }).fetch("thread", [])
    def languages = call(:languages)
    def language_pairs(lc_src = nil) = call(:language_pairs, lc_src ? { lc_src: lc_src } : {})
    def language_matrix = call(:language_matrix)
    def quote(jobs) = call(:quote, { jobs: jobs }).fetch("jobs", {})
    def glossaries = call(:glossaries)
    def get_glossary(id) = call(:get_glossary, { id: id })
    def download_glossary(id) = call(:download_glossary, { id: id })["base64"].unpack1("m0")

    # Parses what Gengo POSTed to your callback URL: {"type" => "job"|"comment", ...}.
    def self.parse_callback(body, content_type = nil)
      bytes = FFI::MemoryPointer.from_string(body.b)
      text = Native.with_out { |event, error| Native.gengo_parse_callback(bytes, body.bytesize, content_type, event, error) }
      JSON.parse(text)
    end

    # Units Gengo bills for text in source language lc_src.
    def self.unit_count(text, lc_src)
      out = FFI::MemoryPointer.new(:ulong_long)
      Native.with_out do |_result, error|
        Native.gengo_unit_count(text, lc_src, out, error)
      end
      out.read(:ulong_long)
    end

    def self.operations = JSON.parse(Native.take(Native.gengo_operations))
    def self.version = Native.gengo_version
  end
end
