# Bootstraps the build host and passes every argument through, e.g.
#   ./build.ps1 --target=Deploy --environment=dev
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$out = Join-Path $root '.artifacts/build-host'
$hostDll = Join-Path $out 'Build.dll'
Set-Location $root

$needsBuild = -not (Test-Path $hostDll)
if (-not $needsBuild) {
    $built = (Get-Item $hostDll).LastWriteTimeUtc
    $sources = @('build', 'src/TikTimer.Delivery') | ForEach-Object {
        Get-ChildItem $_ -Recurse -File | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    }
    $sources += @('Directory.Build.props', 'Directory.Packages.props', 'Cake.Engine.props', 'global.json') | ForEach-Object { Get-Item $_ }
    $needsBuild = [bool]($sources | Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
}

if ($needsBuild) {
    Write-Host 'Building the build host (sources changed)...'
    dotnet build (Join-Path $root 'build/Build.csproj') -c Release -o $out --nologo -v quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    (Get-Item $hostDll).LastWriteTimeUtc = [DateTime]::UtcNow
}

& dotnet $hostDll @args
exit $LASTEXITCODE
