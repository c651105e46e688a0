// People and topics as you type, for every search box with data-suggest. Without this file
// the box is a plain form that submits to /search/. With it, the box becomes an ARIA 1.2
// combobox: arrow keys move through the suggestions, Enter opens one, Escape closes the list,
// and a live region says how many there are.
(function () {
  "use strict";
  var count = 0;
  function enhance(input) {
    var id = "suggest-" + (++count);
    var wrapper = document.createElement("span");
    wrapper.className = "suggest";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement("ul");
    list.id = id;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested people and topics");
    list.hidden = true;
    wrapper.appendChild(list);
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", id);
    input.setAttribute("aria-expanded", "false");
    var options = [], active = -1, timer = null, asked = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function select(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", options[index].id);
      else input.removeAttribute("aria-activedescendant");
    }
    function show(answer) {
      list.textContent = "";
      options = [];
      answer.people.concat(answer.tags).forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = item.url;
        option.textContent = item.name;
        var detail = document.createElement("span");
        detail.className = "detail";
        detail.textContent = item.kind === "person"
          ? [item.credentials, item.appearances + (item.appearances === 1 ? " appearance" : " appearances")].filter(Boolean).join(" · ")
          : "Topic · " + item.articles + (item.articles === 1 ? " article" : " articles");
        option.appendChild(detail);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = item.url;
        });
        list.appendChild(option);
        options.push(option);
      });
      status.textContent = options.length
        ? options.length + (options.length === 1 ? " suggestion" : " suggestions") + ", use the arrow keys"
        : "";
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        select(-1);
      } else {
        close();
      }
    }
    function ask() {
      var typed = input.value.trim();
      if (typed.length < 2) { close(); status.textContent = ""; return; }
      if (typed === asked) return;
      asked = typed;
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(typed), {headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) { if (answer && answer.query === typed.slice(0, 300)) show(answer); })
        .catch(function () { close(); });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && options.length) {
        event.preventDefault();
        if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        select((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault();
        select(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        event.preventDefault();
        window.location.href = options[active].dataset.url;
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();  // the first Escape closes the list; a second clears the box
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }
  document.querySelectorAll("input[data-suggest]").forEach(enhance);
})();
