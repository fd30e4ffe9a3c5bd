//! Yielding to the browser between the parts of long work, so that the page stays responsive
//! (each part is a task of its own).

/// Yields to the browser with a timer (a macrotask): it can paint and handle input before the
/// next part. Timers are slowed to about one a second in a hidden tab, which suits work that
/// only draws.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Yields to the browser with a message to itself (a macrotask that a hidden tab does not
/// slow down): for work the user waits for without watching it, such as copying a large file
/// for the worker.
pub async fn soon() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return next_task().await;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        let _ = channel
            .port2()
            .post_message(&wasm_bindgen::JsValue::UNDEFINED);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    channel.port1().set_onmessage(None);
}
