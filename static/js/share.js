// "Copy link" beside the share links: the button stays hidden unless this script runs and the
// browser can write to the clipboard. Its texts come from the page, translated like the rest.
for (const button of document.querySelectorAll("[data-share-copy][hidden]")) {
  if (!navigator.clipboard) continue;
  const status = button.closest(".share").querySelector("[data-share-status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    let message;
    try {
      await navigator.clipboard.writeText(button.dataset.url);
      message = button.dataset.copied;
    } catch {
      message = button.dataset.failed;
    }
    // Emptied first, so a second click is announced again.
    status.textContent = "";
    requestAnimationFrame(() => {
      status.textContent = message;
    });
  });
}
