// A file input with data-max-bytes and data-too-large (the translated message): a file over
// the limit is refused as soon as it is chosen, before minutes of upload on a slow connection
// end in the proxy's refusal. The message shows under the input and the form's submit
// buttons are disabled until a file within the limit is chosen. The server checks again.
(function () {
  var inputs = document.querySelectorAll("input[type=file][data-max-bytes]");
  Array.prototype.forEach.call(inputs, function (input) {
    var max = parseInt(input.getAttribute("data-max-bytes"), 10);
    var message = document.createElement("p");
    message.className = "error-message";
    message.setAttribute("role", "alert");
    message.hidden = true;
    input.insertAdjacentElement("afterend", message);
    input.addEventListener("change", function () {
      var tooLarge = Array.prototype.some.call(input.files || [], function (file) {
        return file.size > max;
      });
      message.textContent = tooLarge ? input.getAttribute("data-too-large") : "";
      message.hidden = !tooLarge;
      input.setAttribute("aria-invalid", tooLarge ? "true" : "false");
      var buttons = input.form ? input.form.querySelectorAll("[type=submit]") : [];
      Array.prototype.forEach.call(buttons, function (button) {
        button.disabled = tooLarge;
      });
    });
  });
})();
