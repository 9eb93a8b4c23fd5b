// A new passkey makes the session verified: reload, so the page moves on (recovery codes first).
document.addEventListener("otp_webauthn.register_complete", () => window.location.reload());
