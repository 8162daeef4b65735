#!/usr/bin/env bash
# Submit the quickstart sweep to Slurm: sweep.sbatch (a job array, one task per shard) and then
# merge.sbatch, which waits for every task with --dependency=afterok. Both are what
#   hedgesim sweep scenarios/quickstart-sweep.yaml --emit slurm --shards 4
# prints; for your own sweep, run that with your file and options instead: it prints one script
# that does what this one does (docs/cluster.md).
#
#   deploy/slurm/submit.sh [WORKDIR]   # WORKDIR: the shared folder holding scenarios/ and data/
#                                      # (default: this repository's root); the jobs start there
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:-$here/../..}"
mkdir -p reports/quickstart-sweep.shards reports/quickstart-sweep.logs
array=$(sbatch --parsable "$here/sweep.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency=afterok:"$array" "$here/merge.sbatch")
merge=${merge%%;*}
echo "array job $array (4 shards), merge job $merge"
echo "watch: squeue -j $array,$merge; report: $PWD/reports/quickstart-sweep.sqlite"
