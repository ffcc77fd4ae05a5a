/* The book's menu buttons, on every page. The theme draws two buttons for each sidebar (one in
   the navigation bar, hidden by the book theme, and the book theme's own in the page's header),
   and its scripts hook only the first of each, the hidden one: the chapter list could not be
   opened at any width. Here every other button passes its click to the hooked one, which opens
   the sidebar as a drawer on a narrow screen and hides or shows it on a wide one. */
document.addEventListener("DOMContentLoaded", () => {
  for (const kind of ["primary-toggle", "secondary-toggle"]) {
    const [hooked, ...others] = document.querySelectorAll(`.${kind}`);
    for (const button of others) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopImmediatePropagation();
        hooked.click();
      }, true);
    }
  }
});
