/// The commented settings file `benchsite init` writes. Every setting is shown with its default or
/// an example; the ones commented out change nothing until uncommented.
public enum InitialSettings {
    public static func text(templatesFolder: String?) -> String {
        """
        # benchsite settings. `benchsite build` reads benchsite.yml from the current folder
        # (or the file given with --config); options given on the command line win.
        # Paths are relative to this file. Unknown keys and wrong types are errors.

        # The site's title, on every page and in the feed.
        title: Benchmarks

        # Where the site is published: absolute links in feed.xml.
        # base_url: https://bench.example.com/models/

        # A run id or label to compare the latest run with (a compare page and the overview's verdicts).
        # baseline: 2026-10-01-nightly

        # Keep only the latest N runs in the site and its published history (data/runs).
        # keep_runs: 200

        # Where commits link to: the repository's URL (GitHub, GitLab, Gitea, Bitbucket), or any URL
        # with {commit} in it.
        # repository: https://github.com/org/repo

        # A folder whose files replace the default templates of the same name (benchsite init --templates).
        \(templatesFolder.map { "templates: \($0)" } ?? "# templates: templates")

        # How each run is judged against the earlier runs of its series, or the latest run against the
        # baseline (the tests are on the site's methods page).
        verdicts:
          # Significance level, after the Benjamini-Hochberg adjustment over each series' metrics.
          alpha: 0.005
          # The smallest change of a run's level (its median, within prompts) that counts.
          minimum_effect: 5%
          # Other minimum effects for some series or metrics; the most specific match wins.
          # metric: latency, ttft, throughput, tpot, itl, cpu_time, memory, per_request_throughput or value.
          thresholds:
            # - metric: ttft
            #   minimum_effect: 10%
            # - model: phi-4-mini
            #   scenario: gpu
            #   metric: latency
            #   minimum_effect: 8%
          # Where a series' level moves for good (drawn on the charts, listed in data/changepoints.csv).
          change_points:
            # low, medium or high (or a penalty: 7, 4.5, 3).
            sensitivity: medium
            # Steps smaller than this are not reported.
            minimum_effect: 5%
            # Runs a new level needs.
            minimum_segment: 3

        # What the pages show.
        show:
          # Metrics in tables and charts, also the ones verdicts judge (latency is always shown).
          metrics: [latency, ttft, throughput, tpot, itl, cpu_time, memory, per_request_throughput, value]
          # Latency percentiles in the tables: any of p50, p90, p95, p99.
          # percentiles: [p50, p90, p95, p99]

        # Models as the results name them, in the order tables list them (the rest follow,
        # fastest first). Each may have a display name and facts shown on its page; these
        # replace what a models.json among the inputs says.
        # models:
        #   phi-4-mini:
        #     name: Phi-4 mini
        #     license: MIT
        #     size_mb: 3600
        #     capabilities: [chat, tools]
        #     info:
        #       Quantization: int4
        #   qwen2.5-0.5b:
        #     name: Qwen 2.5 0.5B

        """
    }
}
