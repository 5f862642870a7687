"""Prints the score of a Stryker mutation-report.json and each surviving or uncovered mutant."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as handle:
    report = json.load(handle)

counts = {}
left = []
for path, result in sorted(report["files"].items()):
    name = path.split("/src/TikTimer.Delivery/")[-1]
    lines = result["source"].splitlines()
    for mutant in result["mutants"]:
        status = mutant["status"]
        counts[status] = counts.get(status, 0) + 1
        if status in ("Survived", "NoCoverage"):
            line = mutant["location"]["start"]["line"]
            left.append(f"  {status:10} {name}:{line} {mutant['mutatorName']}: {mutant.get('replacement', '?')!r}\n             was: {lines[line - 1].strip()}")

killed = counts.get("Killed", 0) + counts.get("Timeout", 0)
survived = counts.get("Survived", 0) + counts.get("NoCoverage", 0)
print()
print("Mutants: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
if killed + survived:
    print(f"Mutation score: {100.0 * killed / (killed + survived):.1f}% ({killed} killed of {killed + survived} that compile)")
print("Surviving mutants:" if left else "No surviving mutant.")
print("\n".join(left))
