// The search box as an ARIA combobox (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): HTMX fills the
// listbox as one types; here the keys. Down/Up move through the options, Enter opens the active one (or, with
// none active, submits the form to the results page), Escape closes the list. A click opens an option too.
(function () {
  "use strict";

  function parts(input) {
    return { input: input, listbox: document.getElementById(input.getAttribute("aria-controls")) };
  }

  function options(box) {
    return Array.prototype.slice.call(box.listbox.querySelectorAll('[role="option"]'));
  }

  function show(box, open) {
    var hasOptions = options(box).length > 0;
    box.listbox.hidden = !(open && hasOptions);
    box.input.setAttribute("aria-expanded", String(!box.listbox.hidden));
    if (box.listbox.hidden) activate(box, null);
  }

  function activate(box, option) {
    options(box).forEach(function (each) {
      each.setAttribute("aria-selected", String(each === option));
    });
    if (option) {
      box.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      box.input.removeAttribute("aria-activedescendant");
    }
  }

  function active(box) {
    var id = box.input.getAttribute("aria-activedescendant");
    return id ? document.getElementById(id) : null;
  }

  function move(box, step) {
    var all = options(box);
    if (!all.length) return;
    show(box, true);
    var index = all.indexOf(active(box)) + step;
    if (index < 0) index = all.length - 1;
    if (index >= all.length) index = 0;
    activate(box, all[index]);
  }

  function onKey(event) {
    var box = parts(event.target);
    if (event.key === "ArrowDown") {
      event.preventDefault();
      move(box, 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(box, -1);
    } else if (event.key === "Enter" && active(box)) {
      event.preventDefault();
      window.location.assign(active(box).dataset.href);
    } else if (event.key === "Escape") {
      if (!box.listbox.hidden) event.preventDefault();
      show(box, false);
    }
  }

  function wire(input) {
    var box = parts(input);
    input.addEventListener("keydown", onKey);
    input.addEventListener("blur", function () {
      // After a click on an option has been handled.
      window.setTimeout(function () { show(box, false); }, 150);
    });
    box.listbox.addEventListener("mousedown", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) window.location.assign(option.dataset.href);
    });
    box.listbox.addEventListener("htmx:afterSwap", function () {
      show(box, document.activeElement === input && input.value.trim().length > 0);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-search-box] [role=combobox]").forEach(wire);
  });
})();
