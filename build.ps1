# Bootstraps the build host and passes every argument through, e.g.
#   ./build.ps1 --target=Deploy --environment=dev
# The same as build.sh, for PowerShell 7 (Windows, or anywhere with pwsh);
# both share .artifacts/build-host and its lock.
#
# The host is rebuilt only when its sources changed: a fingerprint of every
# source's path, size and time (so an added, edited or deleted file counts)
# is compared with the one the current build was made from. Each build goes
# to a directory of its own and is switched to only when complete, so a run
# never starts on a half-written host and a rebuild never overwrites the
# files of a host that is still running.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$out = Join-Path $root '.artifacts/build-host'
$stamp = Join-Path $out 'current.ps1'
Set-Location $root

function Get-SourceFingerprint {
    $lines = [System.Collections.Generic.List[string]]::new()
    foreach ($dir in 'build', 'src/TikTimer.Delivery') {
        $full = Join-Path $root $dir
        if (-not [System.IO.Directory]::Exists($full)) { continue }
        foreach ($file in [System.IO.DirectoryInfo]::new($full).EnumerateFiles('*', 'AllDirectories')) {
            if ($file.FullName.Substring($root.Length) -match '[\\/](bin|obj)[\\/]') { continue }
            $lines.Add("$($file.FullName) $($file.Length) $($file.LastWriteTimeUtc.Ticks)")
        }
    }
    foreach ($name in 'Directory.Build.props', 'Directory.Packages.props', 'Cake.Engine.props', 'global.json') {
        $file = [System.IO.FileInfo]::new((Join-Path $root $name))
        if ($file.Exists) { $lines.Add("$($file.FullName) $($file.Length) $($file.LastWriteTimeUtc.Ticks)") }
    }
    $lines.Sort([System.StringComparer]::Ordinal)
    $bytes = [System.Text.Encoding]::UTF8.GetBytes([string]::Join("`n", $lines))
    [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($bytes))
}

# The current build's Build.dll when it was made from these sources, else $null.
function Get-CurrentHost([string] $fingerprint) {
    if (-not [System.IO.File]::Exists($stamp)) { return $null }
    $stamped, $id = ([System.IO.File]::ReadAllText($stamp).Trim() -split ' ', 2)
    $dll = Join-Path $out "$id/Build.dll"
    if ($id -and $stamped -eq $fingerprint -and [System.IO.File]::Exists($dll)) { return $dll }
    return $null
}

# Removes builds no stamp points at, keeping the newest few for hosts that may still run from them.
function Remove-OldBuilds {
    $keep = Get-ChildItem $out -File -Filter 'current.*' | ForEach-Object { (Get-Content $_.FullName -Raw).Trim().Split(' ')[-1] }
    Get-ChildItem $out -Directory | Sort-Object LastWriteTimeUtc -Descending | Select-Object -Skip 3 |
        Where-Object { $keep -notcontains $_.Name } |
        ForEach-Object { Remove-Item $_.FullName -Recurse -Force -ErrorAction SilentlyContinue }
}

$fingerprint = Get-SourceFingerprint
$hostDll = Get-CurrentHost $fingerprint
if (-not $hostDll) {
    [System.IO.Directory]::CreateDirectory($out) | Out-Null
    # Concurrent runs (CI matrix, tests, build.sh) wait for one build instead of
    # colliding; on Linux and macOS .NET takes this lock with flock, as build.sh does.
    $lockPath = Join-Path $root '.artifacts/build-host.lock'
    $lock = $null
    while (-not $lock) {
        try { $lock = [System.IO.File]::Open($lockPath, 'OpenOrCreate', 'ReadWrite', 'None') }
        catch [System.IO.IOException] { Start-Sleep -Milliseconds 200 }
    }
    try {
        $hostDll = Get-CurrentHost $fingerprint
        if (-not $hostDll) {
            [Console]::Error.WriteLine('Building the build host (sources changed)...')
            $id = '{0:yyyyMMddHHmmss}-{1}' -f [DateTime]::UtcNow, $PID
            $buildDir = Join-Path $out $id
            # Quiet on success, errors only. `dotnet build` always adds its own
            # "Build succeeded" summary; `dotnet msbuild` does not.
            & dotnet msbuild (Join-Path $root 'build/Build.csproj') -restore -p:Configuration=Release "-p:OutDir=$buildDir/" `
                -nologo -v:quiet -tl:off '-clp:ErrorsOnly;NoSummary' | ForEach-Object { [Console]::Error.WriteLine($_) }
            if ($LASTEXITCODE -ne 0) {
                Remove-Item $buildDir -Recurse -Force -ErrorAction SilentlyContinue
                exit 1
            }
            # The fingerprint is the one taken before the build: a file edited meanwhile rebuilds next time.
            [System.IO.File]::WriteAllText("$stamp.$PID", "$fingerprint $id")
            [System.IO.File]::Move("$stamp.$PID", $stamp, $true)
            Remove-OldBuilds
            $hostDll = Join-Path $buildDir 'Build.dll'
        }
    }
    finally {
        $lock.Dispose()
    }
}

& dotnet $hostDll @args
exit $LASTEXITCODE
