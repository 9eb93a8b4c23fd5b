"use strict";
// The photo's focal point, chosen by clicking the thumbnail (articles.widgets.HeroImageInput);
// the two number fields stay the way to set it without JavaScript, and are what is saved.
// The crop previews follow: each shows the photo as articles.images._window cuts it, the crop's
// box centred on the point as far as the photo's edges allow.
(() => {
  const clamp = (value, low, high) => Math.min(Math.max(value, low), high);

  // object-position (in %) that puts the focal point in the middle of a cover-fitted box.
  function position(image, ratio, focal) {
    const width = image.naturalWidth;
    const height = image.naturalHeight;
    const scale = Math.max(ratio / width, 1 / height); // box of width `ratio`, height 1
    const spare = [width * scale - ratio, height * scale - 1];
    const start = [
      clamp(focal[0] * width * scale - ratio / 2, 0, spare[0]),
      clamp(focal[1] * height * scale - 0.5, 0, spare[1]),
    ];
    return start.map((offset, axis) => (spare[axis] > 0 ? (offset / spare[axis]) * 100 : 50));
  }

  function setUp(widget) {
    const inputs = [widget.dataset.focalX, widget.dataset.focalY].map((id) =>
      document.getElementById(id)
    );
    const photo = widget.querySelector(".hero-image-preview__image");
    const marker = widget.querySelector(".hero-focal-marker");
    if (inputs.includes(null) || !photo) return;
    const crops = [...widget.querySelectorAll(".hero-crop img")];
    const focal = () => inputs.map((input) => clamp(parseFloat(input.value) || 0, 0, 1));

    function show() {
      const point = focal();
      marker.hidden = false;
      marker.style.left = `${point[0] * 100}%`;
      marker.style.top = `${point[1] * 100}%`;
      if (!photo.naturalWidth) return;
      for (const crop of crops) {
        // The whole photo, cut by CSS: the stored crops are those of the saved point only.
        if (crop.src !== photo.src) crop.src = photo.src;
        crop.classList.add("hero-crop--live");
        const [x, y] = position(photo, parseFloat(crop.dataset.ratio), point);
        crop.style.objectPosition = `${x}% ${y}%`;
      }
    }

    photo.classList.add("hero-image-preview__image--pickable");
    widget.querySelector(".hero-focal-help").hidden = false;
    photo.addEventListener("click", (event) => {
      const box = photo.getBoundingClientRect();
      const point = [
        (event.clientX - box.left) / box.width,
        (event.clientY - box.top) / box.height,
      ];
      inputs.forEach((input, axis) => {
        input.value = clamp(point[axis], 0, 1).toFixed(2);
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      show();
    });
    for (const input of inputs) input.addEventListener("input", show);
    if (photo.complete) show();
    else photo.addEventListener("load", show);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".hero-image-widget").forEach(setUp);
  });
})();
