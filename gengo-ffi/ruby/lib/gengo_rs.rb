# frozen_string_literal: true

require "ffi"
require "json"

# Gengo Translate API client for Ruby, over libgengo (gengo-rs) through the ffi gem.
#
#   gengo = GengoRs::Client.new(public_key: "...", private_key: "...")
#   receipt = gengo.order_jobs({ a: { body_src: "Hello", lc_src: "en", lc_tgt: "ja", tier: "standard" } })
module GengoRs
  # The library is found by GENGO_FFI_LIB (a path to libgengo.so), else bundled in
  # the gem (lib/gengo_rs/libgengo.so), else in this repository's build output
  # (target/release, then target/debug), else by the system's loader (libgengo.so).
  module Native
    extend FFI::Library

    # Where libgengo is loaded from (see the rule above).
    def self.library_path
      return ENV["GENGO_FFI_LIB"] if ENV["GENGO_FFI_LIB"] && !ENV["GENGO_FFI_LIB"].empty?

      bundled = File.join(__dir__, "gengo_rs", "libgengo.so")
      return bundled if File.file?(bundled)

      root = File.expand_path("../../..", __dir__)
      %w[release debug].map { |p| File.join(root, "target", p, "libgengo.so") }.find { |f| File.file?(f) } || "gengo"
    end

    begin
      ffi_lib library_path
    rescue LoadError => e
      raise LoadError, "gengo_rs cannot load libgengo (#{e.message.lines.first&.strip}): install the gengo-rs " \
                       "platform gem, which bundles it, or set GENGO_FFI_LIB to the path of libgengo.so"
    end

    attach_function :gengo_version, [], :string
    attach_function :gengo_abi_version, [], :uint
    attach_function :gengo_client_new, %i[string pointer pointer], :int
    attach_function :gengo_client_free, [:pointer], :void
    attach_function :gengo_client_call, %i[pointer string string pointer pointer], :int
    attach_function :gengo_client_wait_order, %i[pointer ulong_long double double pointer pointer], :int
    attach_function :gengo_operations, [], :pointer
    attach_function :gengo_error_kinds, [], :pointer
    attach_function :gengo_parse_callback, %i[pointer size_t string pointer pointer], :int
    attach_function :gengo_unit_count, %i[string string pointer pointer], :int
    attach_function :gengo_string_free, [:pointer], :void

    # The ABI these declarations follow (gengo-ffi's GENGO_ABI_VERSION).
    ABI_VERSION = 1

    # Refuses a library that speaks another ABI: its functions would be called with
    # signatures or meanings this code does not know.
    def self.check_abi!(found, where = library_path)
      return if found == ABI_VERSION

      raise LoadError, "gengo_rs: libgengo at #{where} speaks ABI version #{found}, and this gengo_rs needs " \
                       "#{ABI_VERSION}: install libgengo and gengo_rs of one release (the gengo-rs platform gem bundles both)"
    end

    check_abi!(gengo_abi_version)

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
        raise GengoRs::Error.from(status, message ? JSON.parse(message) : { "kind" => "panic", "message" => "status #{status}" })
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

    # Whether the same call may be made again: it failed for a reason that can pass (rate
    # limited, a connection failure or timeout, HTTP 500/502/503/504), and repeating it
    # cannot order or change anything twice (GET and DELETE calls, or any call that never
    # reached Gengo). An order whose answer was lost is never retryable. As gengo-core
    # decides it.
    def retryable? = details["retryable"] == true
  end

  # One class per error kind, built from the library's own list (gengo_error_kinds):
  # InvalidArgumentError, ValidationError, ApiError, AuthError < ApiError, ... with the
  # parents gengo-core gives every binding.
  Error::KINDS = {}
  JSON.parse(Native.take(Native.gengo_error_kinds)).each do |kind|
    parent = kind["parent"] ? Error::KINDS.fetch(kind["parent"]) : Error
    klass = const_set("#{kind["class"]}Error", Class.new(parent))
    Error::KINDS[kind["name"]] = klass
  end
  Error::KINDS.freeze

  # Rejected locally: nothing was sent.
  class ValidationError
    def field = details["field"]
  end

  # Throttled; retry after `retry_after` seconds.
  class RateLimitedError
    def retry_after = details["retry_after"]
  end

  # Releases the native client when the Ruby object is collected.
  class Handle < FFI::AutoPointer
    def self.release(ptr)
      Native.gengo_client_free(ptr)
    end
  end

  # A Gengo API client. Hashes in, hashes out (string keys); errors are GengoRs::Error
  # subclasses. One client holds one keep-alive pool and may be shared by threads.
  class Client
    # Config keys: public_key, private_key, environment, base_url, api_version,
    # connect_timeout, timeout, max_retries, rate_limit_per_minute, user_agent,
    # method_override, access_token, from_env (see the C ABI's gengo_client_new).
    #
    # One rule for every binding: an explicit setting, then GENGO_PUBLIC_KEY,
    # GENGO_PRIVATE_KEY and GENGO_BASE_URL, then the default (production). Pass
    # from_env: false to ignore the environment.
    def initialize(config = {})
      config = config.to_h
      config = config.merge(from_env: true) unless config.key?(:from_env) || config.key?("from_env")
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

    # One method per operation of gengo-core's table (Client.operations), defined when
    # the library loads: the required parameters positional, in table order (path ids
    # first); every other parameter a keyword; the result unwrapped as the table says
    # (nil for acknowledgements, a String of bytes for files).
    def self.define_operation(op)
      positional = op["params"].select { |p| p["required"] && !(p["name"] == "action" && op["action"]) }.map { |p| p["name"] }
      name, unwrap, result = op["name"], op["unwrap"], op["result_type"]
      define_method(name) do |*args, **named|
        unless args.size == positional.size
          raise ArgumentError, "#{name} takes #{positional.size} positional arguments (#{positional.join(", ")}), got #{args.size}"
        end

        params = positional.zip(args).to_h.merge(named.transform_keys(&:to_s))
        value = call(name, params)
        case result["kind"]
        when "ack" then nil
        when "bytes" then value.fetch("base64").unpack1("m0")
        else
          next value unless unwrap

          # What an absent result is: an empty list or map, nothing for an optional record.
          fallback = { "list" => [], "keyed" => {}, "one" => {} }[result["kind"]]
          value.is_a?(Hash) && !value[unwrap].nil? ? value[unwrap] : fallback
        end
      end
    end

    JSON.parse(Native.take(Native.gengo_operations)).each { |op| define_operation(op) }

    # Polls an order until no job waits for Gengo or a translator (nothing queued,
    # available, pending or revising), or until `timeout` seconds; returns
    # {"order" => ..., "in_progress" => bool}. `interval` defaults to Gengo's guidance
    # against Gengo's hosts (30 minutes; prefer callbacks there) and to half a second
    # against any other host, such as a local gengo sandbox.
    def wait_for_order(order_id, timeout: 3600.0, interval: nil)
      text = Native.with_out do |result, error|
        Native.gengo_client_wait_order(@handle, order_id, timeout.to_f, (interval || 0).to_f, result, error)
      end
      JSON.parse(text)
    end

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
    def self.error_kinds = JSON.parse(Native.take(Native.gengo_error_kinds))
    def self.version = Native.gengo_version
  end
end
