// Move focus to the error summary or the edit-conflict notice, so that keyboard and
// screen-reader users start where the page needs them.
document.addEventListener("DOMContentLoaded", () => {
  const notice = document.querySelector("#error-summary, #conflict");
  if (notice) {
    notice.focus();
  }
});
