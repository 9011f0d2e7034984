// The header menu is a <details> disclosure and works without JavaScript. With it, Escape
// closes the open menu and puts focus back on its button, and a click or tap outside it
// closes it, as people expect of a menu on a phone.
(function () {
  'use strict';
  var menu = document.querySelector('.site-menu');
  if (!menu) return;
  var button = menu.querySelector('summary');
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && menu.open && getComputedStyle(button).display !== 'none') {
      menu.open = false;
      button.focus();
    }
  });
  document.addEventListener('click', function (e) {
    if (menu.open && !menu.contains(e.target) && getComputedStyle(button).display !== 'none') {
      menu.open = false;
    }
  });
})();
