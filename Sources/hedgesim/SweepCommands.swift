import ArgumentParser

/// `hedgesim sweep …`: run a sweep (or one shard of it), and merge shard reports. `hedgesim
/// sweep FILE` runs `hedgesim sweep run FILE`.
struct SweepCommands: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract:
            "Run a grid of settings × strategy sets × walk-forward windows and rank the points against a baseline.",
        discussion: """
            `hedgesim sweep FILE` is `hedgesim sweep run FILE`. A sweep splits into shards that any batch engine \
            runs (`--shard K/N`, `--shard auto`), and `hedgesim sweep merge` puts their reports together into the \
            report the unsharded sweep writes (docs/sweeps.md, "Sharding and merging").
            """,
        subcommands: [SweepCommand.self, SweepMergeCommand.self],
        defaultSubcommand: SweepCommand.self
    )
}
