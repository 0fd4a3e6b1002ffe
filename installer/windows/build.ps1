# Build Cabane's Windows installer on a Windows machine (PowerShell 5.1 or 7).
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 [-CertificatePath C:\certs\pmi93.pfx]
#
# Needs: Python 3.11 (64-bit) on PATH and the WiX Toolset 3.14 (candle.exe, light.exe on
# PATH, or WIX set to its folder). Writes dist\cabane\ (the bundle) and
# dist\Cabane-<version>.msi. With -CertificatePath, signs cabane.exe, cabane-cmd.exe and
# the MSI with signtool (Windows SDK); the certificate's password is asked, never stored.
param(
    [string]$CertificatePath = "",
    [string]$TimestampUrl = "http://timestamp.digicert.com"
)
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path "$PSScriptRoot\..\..").Path
Set-Location $Root

$Version = (Select-String -Path "desktop\__init__.py" -Pattern '__version__ = "([^"]+)"').Matches[0].Groups[1].Value
Write-Host "Cabane $Version"

# 1. A clean virtual environment with Cabane and PyInstaller.
if (-not (Test-Path ".venv-win")) { python -m venv .venv-win }
& .venv-win\Scripts\python.exe -m pip install --quiet --upgrade pip
& .venv-win\Scripts\python.exe -m pip install --quiet ".[dist]"
if ($LASTEXITCODE -ne 0) { throw "Installation des dépendances impossible." }

# 2. The bundle (dist\cabane).
& .venv-win\Scripts\python.exe -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\cabane.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller a échoué." }
& dist\cabane\cabane-cmd.exe --version
if ($LASTEXITCODE -ne 0) { throw "Le programme construit ne démarre pas." }

function Sign-File([string]$Path) {
    if ($CertificatePath -eq "") { return }
    & signtool sign /fd SHA256 /f $CertificatePath /p $script:CertificatePassword /tr $TimestampUrl /td SHA256 /d "Cabane" $Path
    if ($LASTEXITCODE -ne 0) { throw "Signature impossible : $Path" }
}
if ($CertificatePath -ne "") {
    $Secure = Read-Host "Mot de passe du certificat" -AsSecureString
    $script:CertificatePassword = [Runtime.InteropServices.Marshal]::PtrToStringAuto(
        [Runtime.InteropServices.Marshal]::SecureStringToBSTR($Secure))
    Sign-File "dist\cabane\cabane.exe"
    Sign-File "dist\cabane\cabane-cmd.exe"
}

# 3. The MSI: the file list from the bundle, then candle and light.
New-Item -ItemType Directory -Force build\windows | Out-Null
& .venv-win\Scripts\python.exe installer\windows\files.py dist\cabane build\windows\files.wxs
$Wix = if ($env:WIX) { Join-Path $env:WIX "bin" } else { "" }
$Candle = if ($Wix) { Join-Path $Wix "candle.exe" } else { "candle.exe" }
$Light = if ($Wix) { Join-Path $Wix "light.exe" } else { "light.exe" }
& $Candle -nologo -arch x64 "-dVersion=$Version" "-dSourceDir=dist\cabane" "-dIconFile=installer\icons\cabane.ico" -out build\windows\ installer\windows\cabane.wxs build\windows\files.wxs
if ($LASTEXITCODE -ne 0) { throw "candle a échoué." }
$Msi = "dist\Cabane-$Version.msi"
& $Light -nologo -spdb -cultures:fr-FR -out $Msi build\windows\cabane.wixobj build\windows\files.wixobj
if ($LASTEXITCODE -ne 0) { throw "light a échoué." }
Sign-File $Msi
Write-Host "Installeur : $Msi"
