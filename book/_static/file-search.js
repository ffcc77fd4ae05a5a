/* The search page's snippets from file://. Sphinx's search fetches each result's page to quote
   the lines around the word searched for, and a browser refuses that fetch for a page opened
   from a file (a CORS error; the page titles alone were shown). `make html` writes the text of
   every page into search-pages.js, loaded with this script on the search page only; here a fetch
   of one of those pages is answered from it. Over HTTP (`make serve`) nothing changes. */
(() => {
  if (window.location.protocol !== "file:") return;
  const fetchOnline = window.fetch.bind(window);
  window.fetch = (url, options) => {
    const name = String(url).split(/[?#]/)[0].replace(/^(\.\/)+/, "");
    const pages = window.STUDY_SEARCH_PAGES || {};
    if (Object.prototype.hasOwnProperty.call(pages, name)) {
      return Promise.resolve(new Response(pages[name], {headers: {"Content-Type": "text/html"}}));
    }
    return fetchOnline(url, options);
  };
})();
