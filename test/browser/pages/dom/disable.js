// Records every form submission instead of navigating.
window.submitted = [];
for (const form of document.forms)
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.submitted.push(form.id);
  });
