require "gengo_rs"

gengo = GengoRs::Client.new   # keys and base URL from GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY, GENGO_BASE_URL
begin
  receipt = gengo.order_jobs({ greeting: { type: "text", body_src: "Hello from Ruby", lc_src: "en", lc_tgt: "ja", tier: "standard" } },
                             comment: "Keep it short")
  # Translators take minutes to days: wait (or take callbacks), then review.
  waited = gengo.wait_for_order(receipt["order_id"], timeout: 600)
  waited["order"]["jobs_reviewable"].each do |id|
    job = gengo.get_job(id)
    puts "#{job["body_src"]} -> #{job["body_tgt"]}"
    gengo.approve_job(id, rating: 5)
  end
  p gengo.call("getTranslationOrderJobs", id: receipt["order_id"])["order"]["jobs_approved"]   # any operation by name
rescue GengoRs::MultiJobError => e
  p e.job_errors                          # every code of every job key
rescue GengoRs::ApiError => e
  warn "#{e.code} #{e.message}"
end
